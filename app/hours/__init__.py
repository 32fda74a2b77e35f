"""Service hours: records from check-ins, approval, the append-only ledger,
totals, certificates and exports."""
