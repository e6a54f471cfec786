//! `ls -l` of the TLS certificate and key files of SQL Server on Linux
//! (`ls -l /etc/ssl/certs/mssql.pem /etc/ssl/private/mssql.key`): who owns
//! each file and whether the `mssql` user, which SQL Server runs as, may read it.

use crate::catalogue::Rule;
use crate::finding::Finding;

/// Largest number of files read from one listing.
const MAX_FILES: usize = 1000;

/// One regular file of the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedFile {
    /// The mode string, e.g. `-rw-------`.
    pub mode: String,
    /// Owner.
    pub owner: String,
    /// Group.
    pub group: String,
    /// The name (or path) as listed.
    pub name: String,
}

impl ListedFile {
    /// May the `mssql` user read it (as owner, as member of group `mssql`, or as other)?
    pub fn mssql_can_read(&self) -> bool {
        let m: Vec<char> = self.mode.chars().collect();
        let bit = |i: usize| m.get(i) == Some(&'r');
        (self.owner == "mssql" && bit(1)) || (self.group == "mssql" && bit(4)) || bit(7)
    }

    /// Is the file readable by every user (a private key should not be)?
    pub fn world_readable(&self) -> bool {
        self.mode.chars().nth(7) == Some('r')
    }

    /// The file name without its directories.
    pub fn base_name(&self) -> &str {
        self.name.rsplit('/').next().unwrap_or(&self.name)
    }
}

/// A parsed `ls -l` listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// Its regular files.
    pub files: Vec<ListedFile>,
}

/// Is `mode` an `ls -l` mode string (`-rw-r--r--`, optionally with `.`/`+`)?
fn is_mode(mode: &str) -> bool {
    let m = mode.trim_end_matches(['.', '+', '@']);
    m.len() == 10
        && m.starts_with(['-', 'd', 'l', 'c', 'b', 'p', 's'])
        && m[1..]
            .chars()
            .all(|c| matches!(c, 'r' | 'w' | 'x' | '-' | 's' | 'S' | 't' | 'T'))
}

/// Read an `ls -l` listing; `None` when no line of the text is one.
pub fn parse_listing(text: &str) -> Option<Listing> {
    let mut files = Vec::new();
    let mut lines = 0usize;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("total ") || t.starts_with('$') || t.starts_with('#') {
            continue;
        }
        lines += 1;
        let fields: Vec<&str> = t.split_whitespace().collect();
        // mode links owner group size month day time|year name...
        if fields.len() < 9 || !is_mode(fields[0]) {
            continue;
        }
        if !fields[0].starts_with('-') {
            continue;
        }
        let name = fields[8..].join(" ");
        files.push(ListedFile {
            mode: fields[0].to_string(),
            owner: fields[2].to_string(),
            group: fields[3].to_string(),
            name,
        });
        if files.len() >= MAX_FILES {
            break;
        }
    }
    // Every listed line must be a listing line: prose with one such line is not a listing.
    (!files.is_empty() && files.len() * 2 >= lines).then_some(Listing { files })
}

/// `server.linux-key-permissions` for each file the mssql user cannot read.
pub fn findings(listing: &Listing) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &listing.files {
        if !f.mssql_can_read() {
            out.push(Finding::new(
                Rule::ServerLinuxKeyPermissions,
                format!(
                    "{} is {} {}:{}: the mssql user cannot read it. Run `sudo chown mssql:mssql {}` and `sudo chmod 600 {}`, then `sudo systemctl restart mssql-server`.",
                    f.name, f.mode, f.owner, f.group, f.name, f.name
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_owner_group_and_mode() {
        let l = parse_listing(
            "-rw-r--r-- 1 root  root  1302 Jun  1 10:00 /etc/ssl/certs/mssql.pem\n-rw------- 1 mssql mssql 1704 Jun  1 10:00 /etc/ssl/private/mssql.key\n",
        )
        .expect("listing");
        assert_eq!(l.files.len(), 2);
        assert!(l.files[0].mssql_can_read(), "others may read");
        assert!(l.files[1].mssql_can_read(), "owner mssql may read");
        let root_only =
            parse_listing("-rw------- 1 root root 1704 Jun  1 10:00 mssql.key").unwrap();
        assert!(!root_only.files[0].mssql_can_read());
        assert_eq!(findings(&root_only).len(), 1);
        assert!(parse_listing("The file -rw------- is fine").is_none());
    }
}
