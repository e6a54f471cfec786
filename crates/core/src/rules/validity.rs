//! Validity window: expired, not yet valid, expiring soon.

use super::sources::{CERT_REQUIREMENTS, RFC5280};
use super::{CertRule, Hit, ServerCertContext};
use crate::finding::{RuleMeta, Severity};
use crate::report::{Answer, VerdictKind};

/// `cert.expired`.
pub static EXPIRED: RuleMeta = RuleMeta {
    id: "cert.expired",
    severity: Severity::Error,
    title: "Certificate has expired",
    explanation: "SQL Server checks validity when it starts or when the certificate is configured: an expired certificate stops the service from starting with it after the next restart (error 26014/17182), Configuration Manager 2019 and later no longer lists it, and validating clients (ODBC 18, Microsoft.Data.SqlClient 4+, JDBC, Go, Node) refuse the connection. A server that is already running keeps using it until it restarts.",
    fix: "Issue a new certificate with the same names, import it into LocalMachine\\My, grant the service account read access to its private key, select it (or set its thumbprint in the registry) and restart SQL Server.",
    source: CERT_REQUIREMENTS,
};
/// Rule for [`EXPIRED`].
pub const EXPIRED_RULE: CertRule = CertRule {
    meta: &EXPIRED,
    check: expired,
};

fn expired(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let v = &ctx.cert.validity;
    (ctx.now > v.not_after_unix).then(|| {
        Hit::new(format!(
            "Expired on {} ({} days before the evaluation instant).",
            v.not_after,
            (ctx.now - v.not_after_unix) / 86_400
        ))
        .effect(VerdictKind::ServerLoads, Answer::No)
        .effect(VerdictKind::SscmLists, Answer::No)
        .effect(VerdictKind::ClientsValidate, Answer::No)
    })
}

/// `cert.not-yet-valid`.
pub static NOT_YET_VALID: RuleMeta = RuleMeta {
    id: "cert.not-yet-valid",
    severity: Severity::Error,
    title: "Certificate is not valid yet",
    explanation: "The certificate's notBefore date lies in the future. SQL Server will not load it and validating clients refuse it until that date. Usually the issuing machine's clock or time zone is wrong, or the certificate was issued with a future start date.",
    fix: "Wait until the start date, or issue the certificate again with a start date in the past; check the clocks of the CA, the server and the clients.",
    source: RFC5280,
};
/// Rule for [`NOT_YET_VALID`].
pub const NOT_YET_VALID_RULE: CertRule = CertRule {
    meta: &NOT_YET_VALID,
    check: not_yet_valid,
};

fn not_yet_valid(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let v = &ctx.cert.validity;
    (ctx.now < v.not_before_unix).then(|| {
        Hit::new(format!("Valid only from {}.", v.not_before))
            .effect(VerdictKind::ServerLoads, Answer::No)
            .effect(VerdictKind::SscmLists, Answer::No)
            .effect(VerdictKind::ClientsValidate, Answer::No)
    })
}

/// `cert.expires-soon`.
pub static EXPIRES_SOON: RuleMeta = RuleMeta {
    id: "cert.expires-soon",
    severity: Severity::Warning,
    title: "Certificate expires soon",
    explanation: "The certificate expires within the warning window (30 days unless set with --warn-days). After that date SQL Server will not start with it at its next restart and validating clients refuse it.",
    fix: "Renew it now with the same names, install it, grant key access to the service account, select it and plan the SQL Server restart.",
    source: CERT_REQUIREMENTS,
};
/// Rule for [`EXPIRES_SOON`].
pub const EXPIRES_SOON_RULE: CertRule = CertRule {
    meta: &EXPIRES_SOON,
    check: expires_soon,
};

fn expires_soon(ctx: &ServerCertContext<'_>) -> Option<Hit> {
    let v = &ctx.cert.validity;
    let left = v.not_after_unix - ctx.now;
    (left >= 0 && ctx.now >= v.not_before_unix && left <= i64::from(ctx.warn_days) * 86_400).then(
        || {
            Hit::new(format!(
                "Expires on {}, in {} days.",
                v.not_after,
                left / 86_400
            ))
        },
    )
}
