//! XML responses: a `body` expectation alone asserts them; `schema`, `json` or `json-subset` on a
//! body that is not JSON fail the step instead of passing unchecked.

use mwcheck_harness::runner::{self, RunOptions, Status};
use mwcheck_harness::scenario;
use mwcheck_harness::target::Target;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const XML: &str =
    r#"<?xml version="1.0"?><api batchcomplete=""><query><tokens csrftoken="+\" /></query></api>"#;

#[tokio::test]
async fn xml_bodies() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api.php"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(XML, "text/xml; charset=utf-8"))
        .mount(&server)
        .await;
    let root = crate::workspace().join("tests/fixtures/xml");
    let loaded = scenario::load_dir(&root.join("scenarios"), &root.join("schemas"))
        .unwrap_or_else(|problems| panic!("{}", problems[0]));
    let options = RunOptions::new(root.join("schemas"));
    let admin = mwcheck_harness::vars::Credentials {
        user: "Admin".into(),
        password: "Adminpass-12345".into(),
    };
    let target = Target::url(&format!("{}/api.php", server.uri()), None, false, admin).unwrap();
    let outcomes = runner::run_all(&loaded, &target, &options).await;
    let by_id = |id: &str| {
        &outcomes
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("no outcome for {id}: {outcomes:#?}"))
            .status
    };
    assert!(
        matches!(by_id("a-body"), Status::Passed),
        "{:?}",
        by_id("a-body")
    );
    for id in ["b-schema", "c-json"] {
        let Status::Failed(message) = by_id(id) else {
            panic!("{id} did not fail: {:?}", by_id(id));
        };
        assert!(message.contains("need a JSON body"), "{message}");
        assert!(message.contains("text/xml"), "{message}");
    }
    let Status::Failed(message) = by_id("d-mismatch") else {
        panic!("d-mismatch did not fail: {:?}", by_id("d-mismatch"));
    };
    assert!(message.contains("body"), "{message}");
}
