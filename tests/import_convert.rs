use connector_wizard::import::*;
#[test]
fn dev_print() {
    let doc = read_source(std::path::Path::new("tests/fixtures/import/larkspur.openapi.yaml")).unwrap();
    let imp = convert(&doc, &ImportOptions::default()).unwrap();
    println!("{}", imp.to_json());
    for n in &imp.notes { println!("{}:{} {} {}", n.line, n.pointer, n.kind.label(), n.message); }
}
