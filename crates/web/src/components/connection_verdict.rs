//! The verdict line for one connection string: "Clients using ODBC 18 will refuse this server: …".

use yew::prelude::*;

/// Props of [`ConnectionVerdict`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Index of the connection in the report.
    pub index: usize,
    /// Where it connects (for the heading).
    pub server: String,
    /// `yes`, `depends` or `no`: the colour.
    pub answer: &'static str,
    /// The sentence.
    pub sentence: String,
}

/// One article in the verdict area, linking to the connection's details.
#[function_component(ConnectionVerdict)]
pub fn connection_verdict(props: &Props) -> Html {
    let n = props.index + 1;
    html! {
        <article class={classes!("verdict", "conn-verdict", format!("verdict-{}", props.answer))}
            aria-label={format!("Verdict for connection #{n}")}>
            <h3><a href={format!("#conn-{}", props.index)}>{ format!("Connection #{n}") }</a>
                <small>{ format!(" · {}", props.server) }</small></h3>
            <p class="conn-verdict-line">{ &props.sentence }</p>
        </article>
    }
}
