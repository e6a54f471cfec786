//! The decoded details of one certificate.

use crate::components::copy_button::CopyButton;
use crate::components::timeline::Timeline;
use crate::present::{group_hex, json_name, short_name};
use sqltls_core::report::CertificateReport;
use yew::prelude::*;

/// Props of [`Certificate`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The certificate.
    pub certificate: CertificateReport,
    /// Its index in the report.
    pub index: usize,
    /// The evaluation instant, RFC 3339 and Unix seconds.
    pub now: (String, i64),
}

/// Subject, issuer, SANs, validity, thumbprints, key, signature, usages.
#[function_component(Certificate)]
pub fn certificate(props: &Props) -> Html {
    let c = &props.certificate;
    let d = &c.details;
    let key = match &d.public_key.curve {
        Some(curve) => format!(
            "{} {} ({curve})",
            json_name(&d.public_key.key_type).to_ascii_uppercase(),
            d.public_key.bits
        ),
        None => format!(
            "{} {} bits",
            json_name(&d.public_key.key_type).to_ascii_uppercase(),
            d.public_key.bits
        ),
    };
    let list = |v: &Option<Vec<String>>| match v {
        None => "absent".to_string(),
        Some(v) if v.is_empty() => "empty".to_string(),
        Some(v) => v.join(", "),
    };
    let sans: Vec<String> = d
        .san_dns
        .iter()
        .map(|s| format!("DNS:{s}"))
        .chain(d.san_ip.iter().map(|s| format!("IP:{s}")))
        .collect();
    html! {
        <details class="certificate" id={format!("cert-{}", props.index)} open={c.server_certificate}>
            <summary>
                <span class="role">{ json_name(&c.role) }</span>{ " " }
                <strong>{ short_name(c) }</strong>
            </summary>
            <dl>
                <dt>{ "Subject" }</dt><dd>{ &d.subject }</dd>
                <dt>{ "Issuer" }</dt><dd>{ &d.issuer }</dd>
                <dt>{ "Subject alternative names" }</dt>
                <dd>{ if sans.is_empty() { if d.has_san { "empty".to_string() } else { "none (no SAN extension)".to_string() } } else { sans.join(", ") } }</dd>
                <dt>{ "Validity" }</dt>
                <dd><Timeline not_before={(d.validity.not_before.clone(), d.validity.not_before_unix)}
                        not_after={(d.validity.not_after.clone(), d.validity.not_after_unix)}
                        now={props.now.clone()} /></dd>
                <dt>{ "Thumbprint (SHA-1)" }</dt>
                <dd class="hex"><code>{ group_hex(&d.thumbprint_sha1) }</code>
                    <CopyButton text={d.thumbprint_sha1.clone()} label="Copy SHA-1 thumbprint" /></dd>
                <dt>{ "SHA-256" }</dt>
                <dd class="hex"><code>{ group_hex(&d.fingerprint_sha256) }</code>
                    <CopyButton text={d.fingerprint_sha256.clone()} label="Copy SHA-256 fingerprint" /></dd>
                <dt>{ "Key" }</dt><dd>{ key }</dd>
                <dt>{ "Signature" }</dt><dd>{ format!("{} ({})", d.signature_algorithm.name, d.signature_algorithm.oid) }</dd>
                <dt>{ "Extended key usage" }</dt><dd>{ list(&d.extended_key_usage) }</dd>
                <dt>{ "Key usage" }</dt><dd>{ list(&d.key_usage) }</dd>
                <dt>{ "Serial" }</dt><dd><code>{ &d.serial }</code></dd>
            </dl>
        </details>
    }
}
