//! The validity period as a bar with the evaluation instant marked.

use crate::present::{percent, timeline_position};
use yew::prelude::*;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Not before, RFC 3339 and Unix seconds.
    pub not_before: (String, i64),
    /// Not after, RFC 3339 and Unix seconds.
    pub not_after: (String, i64),
    /// The evaluation instant, RFC 3339 and Unix seconds.
    pub now: (String, i64),
}

/// A simple bar: green inside the validity period, red when outside.
#[function_component(Timeline)]
pub fn timeline(props: &Props) -> Html {
    let (pos, inside) = timeline_position(props.not_before.1, props.not_after.1, props.now.1);
    let state = if inside { "inside" } else { "outside" };
    html! {
        <div class={classes!("timeline", state)} role="img"
            aria-label={format!("Valid from {} to {}; evaluated at {} ({} the validity period)",
                props.not_before.0, props.not_after.0, props.now.0, if inside { "inside" } else { "outside" })}>
            <div class="bar"><span class="now" style={format!("left: {}", percent(pos))} title={format!("evaluated at {}", props.now.0)}></span></div>
            <div class="ends"><span>{ &props.not_before.0 }</span><span>{ &props.not_after.0 }</span></div>
        </div>
    }
}
