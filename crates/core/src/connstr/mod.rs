//! Connection strings of every common SQL Server driver: parse, resolve the
//! driver's defaults, and decide the encryption outcome and validated name.
