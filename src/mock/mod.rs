//! The mock wiki. (Temporary module list from the `policy` branch: it declares only the password-policy,
//! common-password, password-hash and user-name modules; the `mock` branch owns the real file.)

pub mod common_passwords;
pub mod password_hash;
pub mod password_policy;
pub mod username;
