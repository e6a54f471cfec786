//! A chain as boxes, leaf → intermediates → root, with each signature check.

use crate::present::{json_name, short_name};
use sqltls_core::chain::{Chain, ChainEnd};
use sqltls_core::report::CertificateReport;
use sqltls_core::verify::SignatureCheck;
use yew::prelude::*;

/// Props of [`ChainDiagram`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The chain.
    pub chain: Chain,
    /// All certificates of the report.
    pub certificates: Vec<CertificateReport>,
}

fn check(sig: &Option<SignatureCheck>) -> (&'static str, String) {
    match sig {
        Some(SignatureCheck::Verified) => ("ok", "signature verified".into()),
        Some(SignatureCheck::Failed) => ("bad", "signature does not verify".into()),
        Some(SignatureCheck::Unsupported(a)) => ("unknown", format!("not checked ({a})")),
        None => ("unknown", "issuer not given".into()),
    }
}

/// The diagram.
#[function_component(ChainDiagram)]
pub fn chain_diagram(props: &Props) -> Html {
    let name = |i: usize| {
        props
            .certificates
            .get(i)
            .map(short_name)
            .unwrap_or_default()
    };
    let role = |i: usize| {
        props
            .certificates
            .get(i)
            .map(|c| json_name(&c.role))
            .unwrap_or_default()
    };
    let last = props.chain.links.len().saturating_sub(1);
    let self_signed_end = matches!(props.chain.end, ChainEnd::SelfSigned { .. });
    html! {
        <ol class="chain" aria-label={format!("Chain of {}", name(props.chain.leaf))}>
            { for props.chain.links.iter().enumerate().map(|(i, link)| {
                let (class, text) = check(&link.signature);
                let is_end = i == last;
                html! {
                    <>
                    <li class="chain-box">
                        <span class="role">{ role(link.certificate) }</span>
                        <a href={format!("#cert-{}", link.certificate)}>{ name(link.certificate) }</a>
                        if is_end && self_signed_end {
                            <span class={classes!("sig", class)}>{ format!("self-signed: {text}") }</span>
                        }
                    </li>
                    if !(is_end && self_signed_end) {
                        <li class={classes!("chain-arrow", class)} aria-label={format!("issued by (next): {text}")}>
                            <span aria-hidden="true">{ "↓" }</span>{ format!(" {text}") }
                        </li>
                    }
                    </>
                }
            }) }
            if let ChainEnd::MissingIssuer { issuer, .. } = &props.chain.end {
                <li class="chain-box missing">
                    <span class="role">{ "missing" }</span>
                    <span>{ issuer }</span>
                    <span class="sig unknown">{ "not among the files: clients must already trust it" }</span>
                </li>
            }
        </ol>
    }
}
