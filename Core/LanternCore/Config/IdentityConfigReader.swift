import Yams

/// Reads the `auth:` and `init:` blocks, and Langfuse's `LANGFUSE_INIT_*` variables.
enum IdentityConfigReader {
    static func auth(_ node: Node, _ reader: inout NodeReader) -> LanternConfig.Auth {
        var auth = LanternConfig.Auth()
        guard let map = reader.mapping(node, at: "auth") else { return auth }
        reader.rejectUnknownKeys(map, at: "auth", allowed: ["signUp", "publicURL", "sessionIdleHours", "sessionMaxDays",
                                                              "failedSignInsPerAccount", "failedSignInsPerAddress",
                                                              "failedSignInWindowSeconds"])
        if let node = map["signUp"], let value = reader.boolean(node, at: "auth.signUp") { auth.signUp = value }
        if let node = map["publicURL"], let value = reader.string(node, at: "auth.publicURL") {
            if value.hasPrefix("http://") || value.hasPrefix("https://") { auth.publicURL = value } else {
                reader.report(node, at: "auth.publicURL", "must start with http:// or https:// (got \(value))")
            }
        }
        let integers: [(String, WritableKeyPath<LanternConfig.Auth, Int>, ClosedRange<Int>)] = [
            ("sessionIdleHours", \.sessionIdleHours, 1...24 * 365), ("sessionMaxDays", \.sessionMaxDays, 1...3650),
            ("failedSignInsPerAccount", \.failedSignInsPerAccount, 1...10_000),
            ("failedSignInsPerAddress", \.failedSignInsPerAddress, 1...100_000),
            ("failedSignInWindowSeconds", \.failedSignInWindowSeconds, 1...86_400),
        ]
        for (key, path, range) in integers {
            if let node = map[key], let value = reader.integer(node, at: "auth.\(key)", in: range) { auth[keyPath: path] = value }
        }
        return auth
    }

    static func initial(_ node: Node, _ reader: inout NodeReader) -> LanternConfig.Initial {
        var initial = LanternConfig.Initial()
        guard let map = reader.mapping(node, at: "init") else { return initial }
        reader.rejectUnknownKeys(map, at: "init", allowed: ["organization", "user"])
        if let node = map["organization"], let org = reader.mapping(node, at: "init.organization") {
            reader.rejectUnknownKeys(org, at: "init.organization", allowed: ["id", "name", "publicKey", "secretKey"])
            initial.organizationID = org["id"].flatMap { reader.string($0, at: "init.organization.id") }
            initial.organizationName = org["name"].flatMap { reader.string($0, at: "init.organization.name") }
            if initial.organizationID?.isEmpty ?? true { reader.report(node, at: "init.organization.id", "is required") }
            let publicKey = org["publicKey"].flatMap { reader.string($0, at: "init.organization.publicKey") }
            let secretKey = org["secretKey"].flatMap { reader.string($0, at: "init.organization.secretKey") }
            do { _ = try APIKeys.validate(publicKey: publicKey, secretKey: secretKey) } catch let error as APIError {
                reader.report(node, at: "init.organization", error.message)
            } catch {}
            initial.organizationPublicKey = publicKey
            initial.organizationSecretKey = secretKey
        }
        if let node = map["user"], let user = reader.mapping(node, at: "init.user") {
            reader.rejectUnknownKeys(user, at: "init.user", allowed: ["email", "name", "password"])
            let email = user["email"].flatMap { reader.string($0, at: "init.user.email") } ?? ""
            let password = user["password"].flatMap { reader.string($0, at: "init.user.password") } ?? ""
            let name = user["name"].flatMap { reader.string($0, at: "init.user.name") } ?? email
            if !email.contains("@") { reader.report(node, at: "init.user.email", "is required and must be an email address") }
            do { try PasswordRules.check(password, email: email) } catch let error as APIError {
                reader.report(node, at: "init.user.password", String(error.message.dropFirst("password: ".count)))
            } catch {}
            initial.user = LanternConfig.UserSeed(email: email.lowercased(), name: name, password: password)
        }
        return initial
    }

    /// Langfuse's headless initialisation variables fill what the file left out: `LANGFUSE_INIT_ORG_ID`/`_NAME`,
    /// `LANGFUSE_INIT_PROJECT_ID`/`_NAME`/`_PUBLIC_KEY`/`_SECRET_KEY`, `LANGFUSE_INIT_USER_EMAIL`/`_NAME`/`_PASSWORD`.
    static func applyLangfuseInitVariables(_ environment: [String: String], to config: inout LanternConfig, _ reader: inout NodeReader) {
        func value(_ name: String) -> String? { environment["LANGFUSE_INIT_" + name].flatMap { $0.isEmpty ? nil : $0 } }
        if config.initial.organizationID == nil, let id = value("ORG_ID") {
            config.initial.organizationID = id
            config.initial.organizationName = value("ORG_NAME") ?? id
        }
        if let name = value("PROJECT_NAME") ?? value("PROJECT_ID"), !config.projects.contains(where: { $0.name == name }) {
            let publicKey = value("PROJECT_PUBLIC_KEY"), secretKey = value("PROJECT_SECRET_KEY")
            if (publicKey == nil) != (secretKey == nil) {
                reader.report(nil, at: "LANGFUSE_INIT_PROJECT_PUBLIC_KEY", "and LANGFUSE_INIT_PROJECT_SECRET_KEY go together: set both or neither")
            }
            config.projects.append(LanternConfig.ProjectSeed(id: value("PROJECT_ID"), name: name, publicKey: publicKey, secretKey: secretKey))
        }
        if config.initial.user == nil, let email = value("USER_EMAIL"), let password = value("USER_PASSWORD") {
            do { try PasswordRules.check(password, email: email) } catch let error as APIError {
                reader.report(nil, at: "LANGFUSE_INIT_USER_PASSWORD", String(error.message.dropFirst("password: ".count)))
            } catch {}
            config.initial.user = LanternConfig.UserSeed(email: email.lowercased(), name: value("USER_NAME") ?? email, password: password)
        }
    }
}
