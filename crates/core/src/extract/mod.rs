//! Finding SQL Server connection strings in configuration files and source code.
