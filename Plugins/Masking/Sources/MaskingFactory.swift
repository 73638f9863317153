import LanternPluginSDK

/// Makes ``MaskingProcessor`` components (`type: masking`). Package-visible for the plugin's entry target.
package struct MaskingFactory: ComponentFactory {
    package init() {}

    package var type: String { "masking" }
    package var kind: ComponentKind { .processor }
    package var summary: String { "Masks personal data and secrets (e-mail, phone, cards, IBAN, IPs, SSN, API keys, custom patterns) before storage" }
    package var settings: [SettingSpec] { MaskingSettings.specs }

    package func validate(_ settings: PluginSettings) -> [SettingsIssue] {
        do {
            _ = try MaskingSettings.read(settings)
            return []
        } catch {
            return error.issues
        }
    }

    package func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        // Read again rather than trusted: `make` must not rely on the kernel having called `validate` first.
        MaskingProcessor(settings: try MaskingSettings.read(settings))
    }
}
