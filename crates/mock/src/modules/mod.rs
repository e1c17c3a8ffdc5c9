//! The API modules, one file each: parse the parameters, apply, render. action=query's meta
//! modules are its children (`query/`).

pub mod block;
pub mod clientlogin;
pub mod createaccount;
pub mod createaccount_legacy;
pub mod login;
pub mod logout;
pub mod paraminfo;
pub mod query;
pub mod resetpassword;
pub mod userrights;
pub mod validatepassword;
