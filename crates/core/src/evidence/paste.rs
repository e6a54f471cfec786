//! One paste, one error: splitting an error box into the texts it holds.
//!
//! Several short errors pasted together are separated by blank lines. A
//! single error copied from a program is often one multi-line dump with blank
//! lines of its own: SSMS's "Copy message text" (`=====` blocks, "Program
//! Location:", stack frames), a .NET exception with `--->` inner exceptions and
//! `at …` frames, a Java stack trace. Such a dump stays one text.

/// Split an error box into error texts: one per blank-line-separated block,
/// except that a program's multi-line dump (see the module) is one text.
/// Blocks are trimmed; empty ones and exact repeats are dropped. Linear in
/// the length of `text`.
pub fn split_error_texts(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if text.lines().any(is_dump_marker) {
        push_unique(&mut out, text.trim());
        return out;
    }
    let mut block = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            push_unique(&mut out, block.trim());
            block.clear();
        } else {
            block.push_str(line);
            block.push('\n');
        }
    }
    push_unique(&mut out, block.trim());
    out
}

fn push_unique(out: &mut Vec<String>, block: &str) {
    if !block.is_empty() && !out.iter().any(|b| b == block) {
        out.push(block.to_string());
    }
}

/// A line that only appears inside one program's multi-line error dump.
fn is_dump_marker(line: &str) -> bool {
    let t = line.trim();
    let rule_of = |c: char| t.len() >= 5 && t.chars().all(|x| x == c);
    rule_of('=')
        || rule_of('-')
        || t.starts_with("Program Location:")
        || t.starts_with("Error Number:")
        || t.starts_with("---> ")
        || t.starts_with("--- End of inner exception stack trace ---")
        || (line.starts_with(|c: char| c.is_whitespace())
            && t.starts_with("at ")
            && t.contains('('))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ssms_dialog_is_one_error() {
        let dialog = sqltls_fixtures::text("evidence/ssms20-untrusted-root.txt");
        // Eight blank-line-separated blocks, one error.
        assert!(dialog.split("\n\n").count() >= 8);
        let texts = split_error_texts(&dialog);
        assert_eq!(texts.len(), 1);
        assert!(texts[0].contains("Program Location"));
        assert!(texts[0].contains("not trusted"));
    }

    #[test]
    fn a_dotnet_exception_with_inner_exceptions_is_one_error() {
        // Shape of a Microsoft.Data.SqlClient exception as pasted in
        // dotnet/SqlClient#3235: message, inner exception, frames.
        let text = "Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)\n\n ---> System.ComponentModel.Win32Exception (0x80090325): The certificate chain was issued by an authority that is not trusted.\n   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)\n";
        assert_eq!(split_error_texts(text).len(), 1);
    }

    #[test]
    fn short_errors_separated_by_blank_lines_stay_apart() {
        let text = "error 0x80090325\n\n  \nSSL Provider: The target principal name is incorrect.\n\nerror 0x80090325\n";
        assert_eq!(
            split_error_texts(text),
            vec![
                "error 0x80090325".to_string(),
                "SSL Provider: The target principal name is incorrect.".to_string()
            ]
        );
        assert!(split_error_texts(" \n\n").is_empty());
    }
}
