//! Remedies that can be pasted: a compliant certificate request and corrected connection strings.
