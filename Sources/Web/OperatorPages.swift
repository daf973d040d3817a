import HTTPServer

/// The operator's console pages and the ticket-event export, registered together.
enum OperatorPages {
    static func register(_ router: Router, _ c: WebContext) {
        ExportPages.register(router, c)
        OperatorMerchantPages.register(router, c)
        ImportStorePages.register(router, c)
        OperatorNetworkPage.register(router, c)
        OperatorUsersPage.register(router, c)
    }
}
