//! The outcome matrix of one connection string: driver generations × the
//! server's ForceEncryption, the chosen cell highlighted.

use crate::present::{
    answer_name, cell_answer, cell_text, client_name, is_chosen, matrix_rows, verified_note,
};
use sqltls_core::connstr::ConnectionReport;
use yew::prelude::*;

/// Props of [`OutcomeMatrix`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The connection.
    pub connection: ConnectionReport,
    /// Its index (for ids).
    pub index: usize,
}

/// A table: rows = generations, columns = ForceEncryption no / yes.
#[function_component(OutcomeMatrix)]
pub fn outcome_matrix(props: &Props) -> Html {
    let c = &props.connection;
    let rows = matrix_rows(c);
    html! {
        <div class="matrix-wrap">
        <table class="matrix" id={format!("matrix-{}", props.index)}>
            <caption>{ format!("Every {} version with this string; the highlighted cell is this driver and server setting. \u{2713} tested: observed with the real client.",
                client_name(c.driver, None)) }</caption>
            <thead><tr>
                <th scope="col">{ "Driver version" }</th>
                <th scope="col">{ "Force\u{AD}Encryption: No" }</th>
                <th scope="col">{ "Force\u{AD}Encryption: Yes" }</th>
            </tr></thead>
            <tbody>
            { for rows.into_iter().map(|row| html! {
                <tr>
                    <th scope="row">{ row.version }
                        if let Some(note) = verified_note(&row) {
                            <span class="verified" title={note.clone()}>{ " ✓ tested" }<span class="visually-hidden">{ format!(": {note}") }</span></span>
                        }
                    </th>
                    { for row.cells.into_iter().map(|cell| match cell {
                        None => html! { <td>{ "—" }</td> },
                        Some(o) => {
                            let chosen = is_chosen(c, o);
                            // The chosen cell takes the connection's verdict when it is
                            // worse: a pasted error that proves a refusal turns it red.
                            let answer = if chosen {
                                cell_answer(o).max(c.verdict.answer)
                            } else {
                                cell_answer(o)
                            };
                            html! {
                                <td class={classes!("cell", format!("cell-{}", answer_name(answer)), chosen.then_some("chosen"))}
                                    aria-current={chosen.then_some("true")}
                                    title={o.note.clone()}>
                                    { cell_text(o) }
                                    if chosen { <span class="visually-hidden">{ " (this string's driver and server setting)" }</span> }
                                </td>
                            }
                        }
                    }) }
                </tr>
            }) }
            </tbody>
        </table>
        </div>
    }
}
