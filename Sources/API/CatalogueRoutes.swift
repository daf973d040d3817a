import HTTPServer
import Ledger
import Services

/// Products on offer (`/api/v1/products`), public: what a wallet or a partner app lists.
enum CatalogueRoutes {
    static func endpoints(_ c: APIContext) -> [Endpoint] {
        [
            Endpoint(method: "GET", path: "/api/v1/products", operationID: "listProducts",
                     summary: "Products with packages expanded, remaining supply, validity and where usable", tag: "catalogue",
                     parameters: [.query("after", "cursor: the `next` of the previous page", schema: Schemas.identifier),
                                  .query("limit", "page size 1–100 (default 20)", schema: Schemas.decimal),
                                  .query("merchant", "only this issuer's products", schema: Schemas.identifier),
                                  .query("kind", "ticket or coupon", schema: ["type": "string", "enum": ["ticket", "coupon"]]),
                                  .query("campaign", "only this campaign's products", schema: Schemas.identifier)],
                     success: (200, "A page of products", Schemas.ref("ProductPage"), "application/json"),
                     handler: ProtocolRoutes.sync(c) { r in
                         let page = try c.app.catalogue.products(try CatalogueQuery.parse(r.query))
                         var o: JSONObject = ["products": .array(page.products.map(CommerceViews.product))]
                         if let next = page.next { o.set("next", .string(next)) }
                         return .json(.object(o))
                     }),
            Endpoint(method: "GET", path: "/api/v1/products/{id}", operationID: "getProduct",
                     summary: "One product as the catalogue shows it", tag: "catalogue",
                     parameters: [.path("id", "product id")],
                     success: (200, "The product", Schemas.ref("Product"), "application/json"), problems: [404],
                     handler: ProtocolRoutes.sync(c) { r in
                         .json(CommerceViews.product(try c.app.catalogue.product(r.parameters["id"] ?? "")))
                     }),
        ]
    }
}
