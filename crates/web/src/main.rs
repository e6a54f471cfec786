//! sqltls-web: the sqltls page (yew, client-side rendering). No analysis logic here:
//! the reducer in [`state`] builds the request, the analysis worker ([`analyzer`])
//! answers it, components present the [`Report`](sqltls_core::Report). Built by
//! `cargo xtask dist`.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod analyzer;
mod components;
mod dom;
mod hooks;
mod present;
mod sample;
mod state;
mod words;

use components::{
    certificate::Certificate, chain::ChainDiagram, connection::ConnectionDetails,
    connection_input::ConnectionInput, connection_verdict::ConnectionVerdict, controls::Controls,
    drop_zone::DropZone, error_input::ErrorInput, evidence::Evidence, file_list::FileList,
    findings::Findings, lead::LeadPanel, remedies::RemedyList, toolbar::Toolbar,
    verdict::VerdictLine,
};
use present::Pasted;
use sqltls_core::InputFile;
use state::{Action, State};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// The line under the title before anything is given. `index.html`'s static shell,
/// painted before the wasm starts, shows the same words.
const TAGLINE: &str = "Checks certificates, connection strings, error messages and server logs the way SQL Server, Configuration Manager and each client driver will, and writes the fix. Everything runs in this page: nothing is uploaded.";

/// The page.
#[function_component(App)]
fn app() -> Html {
    let state = use_reducer(State::default);

    // Every change bumps `generation`; run it after a short pause so "working…"
    // paints first (and password typing settles), in the analysis worker. A run
    // overtaken by a newer change is not sent; a stale answer is dropped.
    {
        let dispatcher = state.dispatcher();
        let delay = state.delay_ms;
        let current = state.clone();
        use_effect_with(state.generation, move |&generation| {
            let cancelled = Rc::new(Cell::new(false));
            if let Some(mut request) = current.has_input().then(|| current.request(0)) {
                let cancelled = cancelled.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    gloo_timers::future::TimeoutFuture::new(delay).await;
                    if cancelled.get() {
                        return;
                    }
                    let now_unix = (js_sys::Date::now() / 1000.0).floor() as i64;
                    request.now_unix = now_unix;
                    dispatcher.dispatch(match analyzer::analyze(&request).await {
                        Ok((report, json)) => Action::Report {
                            generation,
                            now_unix,
                            report: Rc::new(report),
                            json: json.into(),
                        },
                        Err(why) => Action::Failed { generation, why },
                    });
                });
            }
            move || cancelled.set(true)
        });
    }

    // `#sample` in the address loads the sample on start (handy for links and timing).
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            if hash == "#sample" {
                dispatcher.dispatch(Action::LoadSample(sample::sample()));
            }
        });
    }

    {
        let dispatcher = state.dispatcher();
        hooks::use_paste::use_paste(Callback::from(move |text: String| {
            dispatcher.dispatch(match present::classify_paste(&text) {
                Pasted::Certificate => Action::AddFiles(vec![InputFile {
                    name: "pasted.pem".into(),
                    bytes: text.into_bytes(),
                }]),
                Pasted::Listing => Action::AddFiles(vec![InputFile {
                    name: "pasted-listing.txt".into(),
                    bytes: text.into_bytes(),
                }]),
                Pasted::Connection => Action::AddConnection(text),
                Pasted::Error => Action::AddError(text),
            });
        }));
    }

    let d = state.dispatcher();
    let on_reading = Callback::from(move |n| d.dispatch(Action::Reading(n)));
    let d = state.dispatcher();
    let on_files = Callback::from(move |files| d.dispatch(Action::AddFiles(files)));
    let d = state.dispatcher();
    let on_remove = Callback::from(move |i| d.dispatch(Action::RemoveFile(i)));
    let d = state.dispatcher();
    let on_clear = Callback::from(move |_| d.dispatch(Action::Clear));
    let d = state.dispatcher();
    let on_password = Callback::from(move |p| d.dispatch(Action::SetPassword(p)));
    let d = state.dispatcher();
    let on_server_version = Callback::from(move |v| d.dispatch(Action::SetServerVersion(v)));
    let d = state.dispatcher();
    let on_not_listed = Callback::from(move |on| d.dispatch(Action::SetNotListed(on)));
    let d = state.dispatcher();
    let on_sample = Callback::from(move |_| d.dispatch(Action::LoadSample(sample::sample())));
    let d = state.dispatcher();
    let on_connections = Callback::from(move |t| d.dispatch(Action::SetConnections(t)));
    let d = state.dispatcher();
    let on_driver = Callback::from(move |v| d.dispatch(Action::SetDriver(v)));
    let d = state.dispatcher();
    let on_force = Callback::from(move |v| d.dispatch(Action::SetForceEncryption(v)));
    let d = state.dispatcher();
    let on_client = Callback::from(move |v| d.dispatch(Action::SetClient(v)));
    let d = state.dispatcher();
    let on_errors = Callback::from(move |t| d.dispatch(Action::SetErrors(t)));
    let report = state.report.clone();
    let markdown = {
        let report = report.clone();
        let errors = state::error_texts(&state.errors);
        Callback::from(move |_: ()| report.as_ref().map(|r| present::markdown(r, &errors)))
    };
    let on_download = {
        let json = state.report_json.clone();
        Callback::from(move |_| {
            if let Some(json) = json.as_deref().and_then(dom::pretty_json) {
                dom::download("sqltls-report.json", "application/json", &json);
            }
        })
    };

    let lead = report.as_ref().and_then(|r| words::lead(r));
    let locked = report
        .as_ref()
        .map(|r| words::locked_inputs(r))
        .unwrap_or_default();
    let titles = report
        .as_ref()
        .map(|r| present::remedy_titles(r))
        .unwrap_or_default();
    let first_remedies = lead.as_ref().map(words::lead_remedies).unwrap_or_default();

    // When a report arrives: after a drop, a pick, a paste or the sample, the
    // answer (or the password box of a locked .pfx) takes focus at the top of
    // the window, unless the person has gone on to type or choose in a field
    // meanwhile (the worker may take a moment to load the full module); after
    // typing, focus stays and the answer is scrolled into view.
    {
        let focus_lead = state.focus_lead;
        let wants_password = !locked.is_empty();
        use_effect_with(state.report_seq, move |&seq| {
            if seq > 0 {
                if focus_lead && !dom::focus_in_field() {
                    dom::show_top(components::lead::ID);
                    if wants_password {
                        dom::focus(components::file_list::PASSWORD_ID);
                    } else {
                        dom::focus(components::lead::ID);
                    }
                } else if dom::focus_is_lost() {
                    dom::show_top(components::lead::ID);
                    dom::focus(components::lead::ID);
                } else if !dom::top_in_view(components::lead::ID) {
                    dom::scroll_near(components::lead::ID);
                }
            }
        });
    }
    let names: Vec<String> = state.files.iter().map(|f| f.name.clone()).collect();
    let busy = state.working || state.reading > 0;
    let version_from_evidence = report
        .as_ref()
        .filter(|_| state.server_version.is_none())
        .and_then(|r| Some((r.server_version?, present::version_source_label(r)?)));
    let force_from_evidence = report
        .as_ref()
        .and_then(|r| present::force_from_evidence(r));

    let has_report = report.is_some();
    let client_inferred = report
        .as_ref()
        .filter(|r| state.client.is_empty() && r.client_source == Some("error"))
        .and_then(|r| r.client.map(|c| c.label().to_string()));
    html! {
        <>
        <header class={classes!(has_report.then_some("compact"))}>
            <h1>{ "sqltls" }<small>{ " · SQL Server TLS doctor" }</small></h1>
            if !has_report {
                <p class="tagline">{ TAGLINE }</p>
            }
        </header>
        <div class="status" role="status">
            if busy { <p class="working"><span class="spinner" aria-hidden="true"></span>{ "Working…" }</p> }
            else if let Some(why) = &state.failure {
                <p class="failure">{ format!("The analysis could not run: {why}. The command-line tool sqltls check does the same offline.") }</p>
            }
        </div>
        <LeadPanel lead={lead.clone()} titles={titles} {busy} />
        <section class="inputs" aria-label="Inputs">
            <DropZone {on_reading} {on_files} compact={!names.is_empty()} />
            <FileList names={names} inputs={report.as_ref().map(|r| r.inputs.clone())}
                locked={locked.clone()} password={state.password.clone()} {on_password}
                {on_remove} {on_clear} />
            <Toolbar has_report={has_report} {markdown} {on_download} {on_sample} />
            <ConnectionInput text={state.connections.clone()} driver={state.driver.clone()}
                force_encryption={state.force_encryption} {force_from_evidence}
                client={state.client.clone()} {client_inferred}
                on_text={on_connections} {on_driver} {on_force} {on_client} />
            <ErrorInput text={state.errors.clone()} on_text={on_errors} />
            <Controls server_version={state.server_version} {on_server_version}
                not_listed={state.not_listed} {on_not_listed}
                {version_from_evidence} />
        </section>
        if let Some(r) = &report {
            <section class={classes!("results", busy.then_some("stale"))} aria-label="Results" aria-busy={busy.to_string()}>
                <h2>{ "Verdicts" }</h2>
                { for words::certificate_verdicts(r).into_iter().map(|v| html! {
                    <VerdictLine certificate={r.certificates[v.certificate].clone()} index={v.certificate} label={v.label.clone()} />
                }) }
                { for r.connections.iter().enumerate().map(|(i, c)| {
                    let (answer, sentence) = present::connection_verdict(r, i);
                    let server = c.server.host.clone().unwrap_or_default();
                    html! { <ConnectionVerdict index={i} {server} answer={present::answer_name(answer)} {sentence} /> }
                }) }
                if !r.certificates.iter().any(|c| c.verdict.is_some()) && (!r.inputs.is_empty() || r.connections.is_empty()) {
                    <p class="verdict-none">{ if !locked.is_empty() {
                        "The certificate inside the locked .pfx is checked once its password is entered."
                    } else if r.inputs.is_empty() {
                        "No certificate given: drop the server certificate to check it too."
                    } else {
                        "No server certificate among these files."
                    } }</p>
                }
                <p class="summary">{ format!("{} error(s), {} warning(s), {} info · evaluated at {}",
                    r.summary.errors, r.summary.warnings, r.summary.infos, r.evaluated_at) }</p>
                <Findings report={r.clone()} />
                if !r.connections.is_empty() {
                    <section class="connections" aria-labelledby="connections-h">
                        <h2 id="connections-h">{ "Connection strings" }</h2>
                        { for r.connections.iter().enumerate().map(|(i, c)| html! {
                            <ConnectionDetails connection={c.clone()} index={i} />
                        }) }
                    </section>
                }
                <Evidence entries={r.evidence.iter().enumerate().map(|(i, e)| {
                    let ids: Vec<&'static str> = r.findings.iter().filter(|f| f.evidence == Some(i)).map(|f| f.id).collect();
                    (e.clone(), ids)
                }).collect::<Vec<_>>()} />
                if let Some(remedies) = &r.remedies {
                    <RemedyList remedies={remedies.clone()} first={first_remedies.clone()} />
                }
                if !r.chains.is_empty() {
                    <section class="chains" aria-labelledby="chains-h">
                        <h2 id="chains-h">{ "Chains" }</h2>
                        { for r.chains.iter().map(|chain| html! {
                            <ChainDiagram chain={chain.clone()} certificates={r.certificates.clone()} />
                        }) }
                    </section>
                }
                if !r.certificates.is_empty() {
                    <section class="certificates" aria-labelledby="certs-h">
                        <h2 id="certs-h">{ "Certificates" }</h2>
                        { for r.certificates.iter().enumerate().map(|(i, c)| html! {
                            <Certificate certificate={c.clone()} index={i} now={(r.evaluated_at.clone(), state.now_unix)} />
                        }) }
                    </section>
                }
            </section>
        }
        <footer><p>{ format!("sqltls {} · offline: no request leaves this page", env!("CARGO_PKG_VERSION")) }</p></footer>
        </>
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"));
        match root {
            Some(root) => {
                yew::Renderer::<App>::with_root(root).render();
            }
            None => {
                yew::Renderer::<App>::new().render();
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("sqltls-web runs in a browser: build it with `cargo xtask dist`");
}

#[cfg(test)]
mod tests {
    /// The static shell in `index.html` is the first paint: it must say what the page
    /// says before anything is given, so the swap to the rendered page does not jump.
    #[test]
    fn the_static_shell_shows_the_pages_header_and_tagline() {
        let shell = include_str!("../../../index.html");
        assert!(shell.contains(&format!("<p class=\"tagline\">{}</p>", super::TAGLINE)));
        assert!(shell.contains("<h1>sqltls<small> · SQL Server TLS doctor</small></h1>"));
        assert!(shell.contains("id=\"shell-status\""));
    }
}
