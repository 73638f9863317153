import LanternPluginSDK

/// A parsed, structurally valid config file. Plugin-level checks happen when components are assembled.
public struct LanternConfig: Sendable {
    /// The server's own settings.
    public struct Server: Sendable, Hashable {
        public var host = "127.0.0.1"
        public var port = 3000
        /// Largest `POST /api/public/ingestion` body (Langfuse: 4.5 MB).
        public var maxIngestionBodyBytes = 4_718_592
        /// Largest body of the other JSON routes (Langfuse: 1 MB).
        public var maxJSONBodyBytes = 1_048_576
        /// Events waiting for the storage writer before ingestion answers 503 (back-pressure).
        public var ingestionQueueEvents = 50_000
        /// Serves `POST /bench/discard` (reads and drops the body) as the benchmark suite's HTTP baseline.
        public var benchmarkEndpoint = false
        /// A connection that sends nothing for this long (mid-header included: slow-loris clients) is closed.
        public var idleTimeoutSeconds = 30
        /// Connections served at once; past it the server accepts no more until one closes.
        public var maxConnections = 4_096
    }

    /// How the server logs: `logging.format` (`text` for people, `json` for log pipelines) and `logging.level`.
    public struct Logging: Sendable, Hashable {
        public enum Format: String, Sendable, CaseIterable { case text, json }
        public var format = Format.text
        /// A swift-log level name: trace, debug, info, notice, warning, error or critical.
        public var level = "info"
    }

    /// Usage and cost tracking: where the built-in price table and the tokenizer vocabularies are.
    public struct Cost: Sendable, Hashable {
        /// `cost.modelPrices` as an absolute path; nil: `model-prices.json` beside the config file, if there is one.
        public var modelPrices: String?
        /// `cost.tokenizers` as an absolute path; nil: the `tokenizers` folder beside the config file.
        public var tokenizers: String?
    }

    /// One configured component: which plugin file, which factory, which settings.
    public struct ComponentEntry: Sendable, Hashable {
        /// The key under `plugins:`; also the instance id.
        public var id: String
        /// A plugin name found in the plugin directories, or a path to a `.so`.
        public var load: String
        /// The factory type; optional when the plugin provides exactly one.
        public var component: String?
        public var settings: [String: JSONValue]
        /// Where the entry is in the file, for messages.
        public var line: Int?
        public var column: Int?
    }

    /// A project (and optionally a key pair) to create at start, in the `init` organization.
    public struct ProjectSeed: Sendable, Hashable {
        /// The project's id when it is created; nil: a generated one.
        public var id: String?
        public var name: String
        public var publicKey: String?
        public var secretKey: String?
    }

    /// How people sign in (`auth:`).
    public struct Auth: Sendable, Hashable {
        /// Whether anyone may create an account with `POST /api/auth/sign-up`.
        public var signUp = false
        /// The address people reach the server at; an `https` URL makes session cookies `Secure`.
        public var publicURL: String?
        /// A session unused for this long ends.
        public var sessionIdleHours = 24
        /// A session ends this long after sign-in, however much it is used.
        public var sessionMaxDays = 30
        /// Failed sign-ins allowed per account, and per client address, within the window.
        public var failedSignInsPerAccount = 5
        public var failedSignInsPerAddress = 20
        public var failedSignInWindowSeconds = 900

        /// Whether cookies get the `Secure` attribute.
        var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }
    }

    /// What to create at first start (`init:`, or Langfuse's `LANGFUSE_INIT_*` variables): an organization, which
    /// the seeded projects join, and its first user, an owner.
    public struct Initial: Sendable, Hashable {
        public var organizationID: String?
        public var organizationName: String?
        /// An organization-scoped key pair to create (for the admin API and SCIM from automation).
        public var organizationPublicKey: String?
        public var organizationSecretKey: String?
        public var user: UserSeed?
    }

    /// A user to create when no user has that email yet.
    public struct UserSeed: Sendable, Hashable {
        public var email: String
        public var name: String
        public var password: String
    }

    /// Absolute path of the file.
    public var file: String
    /// Absolute folder of the file; relative paths resolve against it.
    public var directory: String
    public var server = Server()
    public var logging = Logging()
    /// The most work one metrics query may ask for.
    public var metrics = MetricsQueryLimits()
    public var cost = Cost()
    /// The evaluation runtime's limits and timings.
    public var evaluation = EvaluationSettings()
    /// Absolute extra folders searched for plugins given by name.
    public var pluginDirectories: [String] = []
    public var components: [ComponentEntry] = []
    public var projects: [ProjectSeed] = []
    public var auth = Auth()
    public var initial = Initial()
    /// Whether `serve` prints the seeded projects' key pairs at start: only for a dev profile, whose keys are public.
    public var printSeededKeys = false

    /// The file's path for messages, as the user gave it.
    public var displayPath: String

    /// The built-in price table file and whether the config named it (a named file must exist).
    var modelPricesFile: (path: String, named: Bool) {
        cost.modelPrices.map { ($0, true) } ?? (FilePaths.resolve("model-prices.json", against: directory), false)
    }

    /// The tokenizer vocabulary folder.
    var tokenizerDirectory: String { cost.tokenizers ?? FilePaths.resolve("tokenizers", against: directory) }
}
