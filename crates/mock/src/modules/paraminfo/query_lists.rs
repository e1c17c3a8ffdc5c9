//! paraminfo's descriptions of the query list modules the mock serves (`query+allusers`,
//! `query+users`), and the parameters a release lacks (allusers' temporary-account filters
//! before 1.43).

use super::super::super::release::Release;
use super::super::super::user_listing::known_rights;
use super::{Kind, ModuleDef, ParamDef, param};

const GROUPS: &[&str] = &["bot", "bureaucrat", "interface-admin", "suppress", "sysop"];

const ALLUSERS_PARAMS: [ParamDef; 14] = [
    param("from", Kind::Named("string")),
    param("to", Kind::Named("string")),
    param("prefix", Kind::Named("string")),
    ParamDef {
        default: Some("ascending"),
        ..param("dir", Kind::Enum(&["ascending", "descending"]))
    },
    ParamDef {
        multi: true,
        ..param("group", Kind::Enum(GROUPS))
    },
    ParamDef {
        multi: true,
        ..param("excludegroup", Kind::Enum(GROUPS))
    },
    ParamDef {
        multi: true,
        ..param("rights", Kind::ConfigEnum(known_rights))
    },
    ParamDef {
        multi: true,
        ..param(
            "prop",
            Kind::Enum(&[
                "blockinfo",
                "groups",
                "implicitgroups",
                "rights",
                "editcount",
                "registration",
                "centralids",
            ]),
        )
    },
    param(
        "limit",
        Kind::Limit {
            default: 10,
            min: 1,
            max: 500,
            high_max: 5000,
        },
    ),
    param("witheditsonly", Kind::Named("boolean")),
    param("activeusers", Kind::Named("boolean")),
    param("attachedwiki", Kind::Named("string")),
    param("excludenamed", Kind::Named("boolean")),
    param("excludetemp", Kind::Named("boolean")),
];

const USERS_PARAMS: [ParamDef; 4] = [
    ParamDef {
        multi: true,
        ..param(
            "prop",
            Kind::Enum(&[
                "blockinfo",
                "groups",
                "groupmemberships",
                "implicitgroups",
                "rights",
                "editcount",
                "registration",
                "emailable",
                "gender",
                "centralids",
                "cancreate",
            ]),
        )
    },
    param("attachedwiki", Kind::Named("string")),
    ParamDef {
        multi: true,
        ..param("users", Kind::Named("string"))
    },
    ParamDef {
        multi: true,
        ..param("userids", Kind::Named("integer"))
    },
];

pub(super) const LIST_MODULES: &[ModuleDef] = &[
    ModuleDef {
        name: "allusers",
        classname: "ApiQueryAllUsers",
        path: "query+allusers",
        group: "list",
        prefix: "au",
        readrights: true,
        writerights: |_| false,
        mustbeposted: false,
        helpurl: "Allusers",
        parameters: &ALLUSERS_PARAMS,
        dynamic_parameters: false,
    },
    ModuleDef {
        name: "users",
        classname: "ApiQueryUsers",
        path: "query+users",
        group: "list",
        prefix: "us",
        readrights: true,
        writerights: |_| false,
        mustbeposted: false,
        helpurl: "Users",
        parameters: &USERS_PARAMS,
        dynamic_parameters: false,
    },
];

/// Whether the release has the module's parameter.
pub(super) fn has_param(release: &Release, def: &ModuleDef, p: &ParamDef) -> bool {
    def.name != "allusers"
        || release.allusers_temp_account_filters
        || !matches!(p.name, "excludenamed" | "excludetemp")
}
