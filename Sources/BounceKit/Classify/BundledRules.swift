/// The rules files compiled into the library, by name. A new file in `Sources/BounceKit/Rules`
/// needs one line here (a test checks that none is forgotten).
enum BundledRules {
  static let files: [(name: String, bytes: [UInt8])] = [
    ("reports.rules", PackageResources.reports_rules),
    ("mailbox.rules", PackageResources.mailbox_rules),
    ("destination.rules", PackageResources.destination_rules),
    ("sender.rules", PackageResources.sender_rules),
    ("reputation.rules", PackageResources.reputation_rules),
    ("content.rules", PackageResources.content_rules),
    ("system.rules", PackageResources.system_rules),
    ("status-codes.rules", PackageResources.status_codes_rules),
    ("reply-codes.rules", PackageResources.reply_codes_rules),
    ("google.rules", PackageResources.google_rules),
    ("microsoft.rules", PackageResources.microsoft_rules),
    ("yahoo-aol.rules", PackageResources.yahoo_aol_rules),
    ("apple.rules", PackageResources.apple_rules),
    ("japan-mobile.rules", PackageResources.japan_mobile_rules),
    ("providers.rules", PackageResources.providers_rules),
  ]
}
