import HTTPServer
import Ledger

/// The HTTP face of a node: every endpoint, behind CORS and common headers.
public final class KippuAPI: HTTPHandler, @unchecked Sendable {
    /// The software version reported in the OpenAPI document.
    public static let version = "0.4.0"

    let router = Router()
    let endpoints: [Endpoint]
    let cors: CORSPolicy

    /// Builds the router from every endpoint.
    /// - Parameters:
    ///   - extraRoutes: more handlers for the router (the web UI), added after the API's; they
    ///     are not part of the OpenAPI document.
    ///   - mount: adds the web's routes; `pageNotFound` answers unknown paths outside `/api/`.
    public init(context: APIContext, cors: CORSPolicy = CORSPolicy(), mount: ((Router) -> Void)? = nil,
                pageNotFound: (@Sendable (HTTPRequest) -> HTTPResponse)? = nil) {
        self.cors = cors
        var list = ProtocolRoutes.endpoints(context) + AccountRoutes.endpoints(context) + StaffRoutes.endpoints(context)
            + CatalogueRoutes.endpoints(context) + OrderRoutes.endpoints(context) + ManagementRoutes.endpoints(context)
            + StoreRoutes.endpoints(context)
            + OperationsRoutes.endpoints(context)
        let documentHolder = DocumentHolder()
        list.append(Endpoint(method: "GET", path: "/api/v1/openapi.json", operationID: "getOpenAPI",
                             summary: "This OpenAPI 3.1 document", tag: "meta",
                             success: (200, "The document", Schemas.object, "application/json"),
                             handler: { _, respond in respond(.json(documentHolder.document, cache: .live)) }))
        endpoints = list
        documentHolder.document = OpenAPIDocument.build(list, version: KippuAPI.version)
        for e in list {
            router.add(e.method, e.path, bodyLimit: e.bodyLimit, e.handler)
        }
        apiRouteCount = list.count
        mount?(router)
        router.notFound = { request in
            if let page = pageNotFound, !request.path.hasPrefix("/api/") { return page(request) }
            return Problem.notFound("no resource at \(request.path)").response
        }
        router.methodNotAllowed = { request, allowed in
            var r = Problem(code: "method_not_allowed", status: 405, detail: "\(request.method) is not allowed here").response
            r.headers["Allow"] = allowed.joined(separator: ", ")
            return r
        }
        router.errorResponse = { error, _ in Problem.from(error).response }
    }

    private let apiRouteCount: Int

    /// The API routes (method, path pattern) the router serves, in registration order (the
    /// mounted web routes, which the OpenAPI document does not describe, follow them).
    public var routes: [(method: String, pattern: String)] { Array(router.routes.prefix(apiRouteCount)) }

    /// The OpenAPI document.
    public var openAPI: JSONValue { OpenAPIDocument.build(endpoints, version: KippuAPI.version) }

    public func handle(_ request: HTTPRequest, respond: @escaping Responder) {
        if let preflight = cors.preflight(request) {
            respond(preflight)
            return
        }
        let cors = self.cors
        router.handle(request) { response in
            var response = cors.apply(request, response)
            response.headers["X-Content-Type-Options"] = "nosniff"
            respond(response)
        }
    }

    public func bodyLimit(method: String, path: String) -> Int? { router.bodyLimit(method: method, path: path) }
}

/// Holds the document built after the endpoint list that contains its own route.
private final class DocumentHolder: @unchecked Sendable {
    var document: JSONValue = .object(JSONObject())
}
