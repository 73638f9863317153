import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

/// The small parsers and rules of identity: passwords, SCIM filters, cookies, form posts, the sign-in throttle and
/// the config's `auth`/`init` blocks with Langfuse's `LANGFUSE_INIT_*` variables.
@Suite("Identity input")
struct IdentityInputTests {
    @Test func weakPasswordsAreRefusedNamingTheRule() {
        let cases: [(String, String)] = [("", "must not be empty"), ("abc1", "at least 8"), ("abcdefgh", "letter and one digit"),
                                         ("12345678", "letter and one digit"), (String(repeating: "a1", count: 40), "at most 72"),
                                         ("me@x.io1", "")]
        for (password, rule) in cases where !rule.isEmpty {
            #expect(throws: APIError.self) { try PasswordRules.check(password, email: "me@example.com") }
            do { try PasswordRules.check(password, email: "me@example.com") } catch let error as APIError {
                #expect(error.message.hasPrefix("password: ") && error.message.contains(rule), "\(password): \(error.message)")
            } catch {}
        }
        #expect(throws: APIError.self) { try PasswordRules.check("Me@Example.com", email: "me@example.com") }
        #expect(throws: Never.self) { try PasswordRules.check("correct-horse-1", email: "me@example.com") }
    }

    @Test func scimFilterReadsUserNameEquals() throws {
        #expect(try SCIMFilter.userNameEquals(#"userName eq "Ada@Example.com""#) == "ada@example.com")
        #expect(try SCIMFilter.userNameEquals(#"USERNAME EQ "b@c.de""#) == "b@c.de")
        for bad in [#"emails eq "x""#, #"userName co "x""#, "userName eq x", ""] {
            #expect(throws: SCIMFilter.Invalid.self) { try SCIMFilter.userNameEquals(bad) }
        }
    }

    @Test func sessionCookieRoundTrips() {
        let token = SessionTokens.random()
        #expect(token.count >= 43 && !token.contains("=") && !token.contains("+") && !token.contains("/"))
        #expect(SessionTokens.token(inCookieHeader: "a=b; lantern_session=\(token); c=d") == token)
        #expect(SessionTokens.token(inCookieHeader: "lantern_sessionx=1") == nil)
        let cookie = SessionTokens.setCookie(token, maxAge: 60, secure: true)
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure") && cookie.contains("Max-Age=60"))
        #expect(!SessionTokens.setCookie(token, maxAge: 60, secure: false).contains("Secure"))
        #expect(SessionTokens.id(of: token) != token && SessionTokens.id(of: token).count == 64)
    }

    @Test func formPostsDecode() {
        #expect(SignInForm.formFields("email=a%40b.co&password=x+y%26z&empty=") == ["email": "a@b.co", "password": "x y&z", "empty": ""])
    }

    @Test func throttleCountsPerAccountAndPerAddress() throws {
        let throttle = SignInThrottle(limits: .init(perAccount: 2, perAddress: 3, windowSeconds: 60))
        let start = Date()
        throttle.recordFailure(email: "a@x.io", address: "1.1.1.1", now: start)
        throttle.recordFailure(email: "a@x.io", address: "1.1.1.1", now: start)
        #expect(throws: APIError.self) { try throttle.check(email: "a@x.io", address: "2.2.2.2", now: start) }
        #expect(throws: Never.self) { try throttle.check(email: "b@x.io", address: "1.1.1.1", now: start) }
        throttle.recordFailure(email: "b@x.io", address: "1.1.1.1", now: start)
        do { try throttle.check(email: "c@x.io", address: "1.1.1.1", now: start) ; Issue.record("the address is over its limit") } catch let error as APIError {
            #expect(error.status == .tooManyRequests && error.headers[.retryAfter] == "60")
        }
        #expect(throws: Never.self) { try throttle.check(email: "a@x.io", address: "3.3.3.3", now: start.addingTimeInterval(61)) }
    }

    @Test func authAndInitBlocksParse() throws {
        let config = try ConfigParser(environment: [:]).parse(text: """
            version: 1
            auth: { signUp: true, publicURL: "https://lantern.example.com", sessionIdleHours: 2, failedSignInsPerAccount: 3 }
            init:
              organization: { id: acme, name: Acme, publicKey: pk-lf-org, secretKey: sk-lf-org }
              user: { email: Owner@Acme.io, name: Owner, password: owner-pass-1 }
            projects:
              - { id: p1, name: one }
            """, displayPath: "x.yaml", absolutePath: "/tmp/x.yaml")
        #expect(config.auth.signUp && config.auth.secureCookies && config.auth.sessionIdleHours == 2 && config.auth.failedSignInsPerAccount == 3)
        #expect(config.initial.organizationID == "acme" && config.initial.organizationPublicKey == "pk-lf-org")
        #expect(config.initial.user == .init(email: "owner@acme.io", name: "Owner", password: "owner-pass-1"))
        #expect(config.projects.first?.id == "p1")
    }

    @Test func badIdentityConfigNamesTheKeyPath() {
        do {
            _ = try ConfigParser(environment: [:]).parse(text: """
                version: 1
                auth: { publicURL: "lantern.example.com", signup: true }
                init:
                  user: { email: nobody, password: short }
                """, displayPath: "x.yaml", absolutePath: "/tmp/x.yaml")
            Issue.record("the config is invalid")
        } catch {
            let text = error.issues.map { "\($0.keyPath): \($0.message)" }.joined(separator: "\n")
            #expect(text.contains("auth.publicURL: must start with http://"))
            #expect(text.contains("auth.signup"))
            #expect(text.contains("init.user.email"))
            #expect(text.contains("init.user.password: must be at least 8 characters"))
        }
    }

    @Test func langfuseInitVariablesFillTheInitBlock() throws {
        let environment = ["LANGFUSE_INIT_ORG_ID": "org1", "LANGFUSE_INIT_ORG_NAME": "Org One", "LANGFUSE_INIT_PROJECT_ID": "proj1",
                           "LANGFUSE_INIT_PROJECT_NAME": "Project One", "LANGFUSE_INIT_PROJECT_PUBLIC_KEY": "pk-lf-1",
                           "LANGFUSE_INIT_PROJECT_SECRET_KEY": "sk-lf-1", "LANGFUSE_INIT_USER_EMAIL": "a@b.io",
                           "LANGFUSE_INIT_USER_PASSWORD": "password-1"]
        let config = try ConfigParser(environment: environment).parse(text: "version: 1\n", displayPath: "x.yaml", absolutePath: "/tmp/x.yaml")
        #expect(config.initial.organizationID == "org1" && config.initial.organizationName == "Org One")
        #expect(config.projects == [.init(id: "proj1", name: "Project One", publicKey: "pk-lf-1", secretKey: "sk-lf-1")])
        #expect(config.initial.user?.email == "a@b.io")
    }
}
