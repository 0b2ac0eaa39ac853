/** Station records: the lot report, the issued-DAC bundle and audit-trail verification (docs/records.md). */
export { buildLotReport, csvField, REPORT_COLUMNS, reportCsv, reportJson, type LotReport, type LotReportRow } from './lotReport';
export { buildDacBundle, DAC_BUNDLE_FORMAT, DAC_BUNDLE_VERSION, MANIFEST_FILE, writeDacBundle, type DacBundle, type DacBundleEntry, type DacBundleManifest } from './dacBundle';
export { verifyAuditTrail, type AuditVerification } from './auditTrail';
