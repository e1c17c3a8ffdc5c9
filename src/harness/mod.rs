//! Placeholder for the scenario harness (owned by the harness branch; dropped on merge).
