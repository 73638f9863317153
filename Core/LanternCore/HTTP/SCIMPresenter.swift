import Foundation
import Hummingbird
import LanternPluginSDK
import NIOCore

/// SCIM 2.0 (RFC 7643/7644) documents: users, list responses, errors and the discovery resources.
enum SCIMPresenter {
    static let userSchema = "urn:ietf:params:scim:schemas:core:2.0:User"
    static let listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    static let errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"

    /// A SCIM response (`application/scim+json`).
    static func response(_ status: HTTPResponse.Status, _ value: JSONValue, location: String? = nil) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/scim+json"
        if let location { fields[.location] = location }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: value.unorderedJSONBytes)))
    }

    /// An API error as a SCIM error document with the same status.
    static func error(_ error: APIError, scimType: String? = nil) -> Response {
        var body: [String: JSONValue] = ["schemas": [.string(errorSchema)], "status": .string(String(error.status.code)),
                                         "detail": .string(error.message)]
        if let scimType { body["scimType"] = .string(scimType) }
        return response(error.status, .object(body))
    }

    static func user(_ user: User) -> JSONValue {
        ["schemas": [.string(userSchema)], "id": .string(user.id), "userName": .string(user.email), "active": true,
         "name": ["formatted": .string(user.name)],
         "emails": [["primary": true, "value": .string(user.email), "type": "work"]],
         "meta": ["resourceType": "User", "created": Presenters.date(user.createdAt), "lastModified": Presenters.date(user.updatedAt),
                  "location": .string("/api/public/scim/Users/\(user.id)")]]
    }

    static func list(_ resources: [JSONValue], total: Int, startIndex: Int) -> JSONValue {
        ["schemas": [.string(listSchema)], "totalResults": .number(Double(total)), "startIndex": .number(Double(startIndex)),
         "itemsPerPage": .number(Double(resources.count)), "Resources": .array(resources)]
    }

    static let serviceProviderConfig: JSONValue = [
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": "https://datatracker.ietf.org/doc/html/rfc7644",
        "patch": ["supported": false], "bulk": ["supported": false, "maxOperations": 0, "maxPayloadSize": 0],
        "filter": ["supported": true, "maxResults": 100], "changePassword": ["supported": false], "sort": ["supported": false],
        "etag": ["supported": false],
        "authenticationSchemes": [["name": "HTTP Basic", "description": "An organization-scoped API key pair as Basic credentials",
                                   "specUri": "https://datatracker.ietf.org/doc/html/rfc7617", "type": "httpbasic", "primary": true]],
        "meta": ["resourceType": "ServiceProviderConfig", "location": "/api/public/scim/ServiceProviderConfig"],
    ]

    static let userResourceType: JSONValue = [
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], "id": "User", "name": "User", "endpoint": "/Users",
        "description": "User Account", "schema": .string(userSchema), "schemaExtensions": [],
        "meta": ["resourceType": "ResourceType", "location": "/api/public/scim/ResourceTypes/User"],
    ]

    static let userSchemaResource: JSONValue = [
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": .string(userSchema), "name": "User", "description": "User Account",
        "attributes": [
            attribute("userName", required: true, uniqueness: "server", description: "The user's email address"),
            ["name": "name", "type": "complex", "multiValued": false, "required": false, "mutability": "readWrite", "returned": "default",
             "description": "The user's name", "caseExact": false, "uniqueness": "none",
             "subAttributes": [attribute("formatted", required: false, uniqueness: "none", description: "The full name")]],
            ["name": "emails", "type": "complex", "multiValued": true, "required": false, "mutability": "readWrite", "returned": "default",
             "description": "Email addresses", "caseExact": false, "uniqueness": "none",
             "subAttributes": [attribute("value", required: false, uniqueness: "none", description: "The address"),
                               attribute("type", required: false, uniqueness: "none", description: "work"),
                               ["name": "primary", "type": "boolean", "multiValued": false, "required": false, "mutability": "readWrite",
                                "returned": "default", "description": "The primary address"]]],
            ["name": "active", "type": "boolean", "multiValued": false, "required": false, "mutability": "readOnly", "returned": "default",
             "description": "Always true"],
        ],
        "meta": ["resourceType": "Schema", "location": .string("/api/public/scim/Schemas/\(userSchema)")],
    ]

    private static func attribute(_ name: String, required: Bool, uniqueness: String, description: String) -> JSONValue {
        ["name": .string(name), "type": "string", "multiValued": false, "required": .bool(required), "caseExact": false,
         "mutability": "readWrite", "returned": "default", "uniqueness": .string(uniqueness), "description": .string(description)]
    }
}
