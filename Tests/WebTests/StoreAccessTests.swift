import Crypto
import Ledger
import Services
import Testing
@testable import Web

@Suite struct StoreAccessTests {
    let store = StoreRecord(id: "ramen-01-ekimae", merchant: "ramen-01", name: "駅前店", industry: "ramen",
                            key: SigningKey.generate(using: SystemRandom()).publicKey, attrs: JSONObject())

    func who(_ role: StaffRole) -> StaffIdentity { StaffIdentity(userID: 1, username: "u", role: role, scopes: role.scopes) }

    @Test func storeStaffOpenOnlyTheirOwnStore() {
        #expect(StoreAccess.allows(who(.storeStaff(merchant: "ramen-01", store: "ramen-01-ekimae")), store))
        #expect(!StoreAccess.allows(who(.storeStaff(merchant: "ramen-01", store: "ramen-01")), store))
        #expect(!StoreAccess.canCreate(who(.storeStaff(merchant: "ramen-01", store: "ramen-01-ekimae"))))
    }

    @Test func merchantAdminsOpenTheirMerchantsStoresAndTheOperatorAll() {
        #expect(StoreAccess.allows(who(.merchantAdmin(merchant: "ramen-01")), store))
        #expect(!StoreAccess.allows(who(.merchantAdmin(merchant: "ramen-02")), store))
        #expect(StoreAccess.allows(who(.operatorAdmin), store))
        #expect(StoreAccess.canCreate(who(.merchantAdmin(merchant: "ramen-02"))) && StoreAccess.canCreate(who(.operatorAdmin)))
    }
}
