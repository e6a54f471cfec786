//! Server evidence and error messages: pasted errors, ERRORLOG files, registry
//! exports and mssql.conf, cross-checked with the certificates dropped with them.
