import LanternPluginSDK

/// The stylesheet and script, compiled into the plugin: no build step, no CDN, works offline.
enum Assets {
    static let stylesheetPath = "/assets/lantern.css"
    static let scriptPath = "/assets/lantern.js"

    static func stylesheet() -> PluginResponse { asset(Stylesheet.text, type: "text/css; charset=utf-8") }
    static func script() -> PluginResponse { asset(Script.text, type: "text/javascript; charset=utf-8") }

    private static func asset(_ text: String, type: String) -> PluginResponse {
        PluginResponse(status: 200, headers: ["content-type": type, "cache-control": "public, max-age=3600", "x-content-type-options": "nosniff"],
                       body: Array(text.utf8))
    }
}
