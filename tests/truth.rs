//! Conversions compared field by field with the corpus's ground truth
//! (`tests/truth/*.json`, copied from the shared corpus), not with files
//! we blessed ourselves.

mod common;

use serde_json::Value;
use yusuan::pipeline::convert_path;

/// Truth amount keys are printed labels; ours are stable keys.
fn key(label: &str) -> String {
    yusuan::model::amount_key(label).to_string()
}

fn truth(name: &str) -> Value {
    let p = common::root().join("tests/truth").join(name);
    serde_json::from_str(&std::fs::read_to_string(p).expect("truth file")).expect("truth json")
}

fn converted(sample: &str) -> Value {
    let doc = convert_path(&common::root().join("samples").join(sample)).expect("converts");
    serde_json::to_value(&doc).expect("serialises")
}

/// Truth amounts are decimal strings; ours JSON numbers with the same digits.
fn same_amounts(ours: &Value, truth: &Value, at: &str, diffs: &mut Vec<String>) {
    let Some(t) = truth.as_object() else {
        return diffs.push(format!("{at}: truth has no amounts"));
    };
    for (label, tv) in t {
        let ov = &ours[key(label)];
        let same = match (ov, tv) {
            (Value::Null, Value::Null) => true,
            // Both sides parse the same decimal literal, so f64 equality is
            // exact here; the printed digits are pinned by the golden files.
            (Value::Number(n), Value::String(s)) => n.as_f64() == s.parse::<f64>().ok(),
            _ => false,
        };
        if !same {
            diffs.push(format!("{at} {label}: ours {ov} truth {tv}"));
        }
    }
}

fn compare_table(ours: &Value, truth: &Value) -> Vec<String> {
    let mut d = Vec::new();
    for f in ["title", "department", "currency_unit", "columns"] {
        if ours[f] != truth[f] {
            d.push(format!("{f}: ours {} truth {}", ours[f], truth[f]));
        }
    }
    same_amounts(&ours["total"], &truth["total"], "total", &mut d);
    let (ou, tu) = (
        ours["units"].as_array().cloned().unwrap_or_default(),
        truth["units"].as_array().cloned().unwrap_or_default(),
    );
    if ou.len() != tu.len() {
        d.push(format!("unit count: ours {} truth {}", ou.len(), tu.len()));
    }
    for (u, t) in ou.iter().zip(&tu) {
        if u["name"] != t["name"] {
            d.push(format!("unit name: ours {} truth {}", u["name"], t["name"]));
        }
        same_amounts(
            &u["amounts"],
            &t["amounts"],
            &format!("unit {}", t["name"]),
            &mut d,
        );
        compare_projects(&u["projects"], &t["projects"], &mut d);
    }
    d
}

fn compare_projects(ours: &Value, truth: &Value, d: &mut Vec<String>) {
    let (op, tp) = (
        ours.as_array().cloned().unwrap_or_default(),
        truth.as_array().cloned().unwrap_or_default(),
    );
    if op.len() != tp.len() {
        d.push(format!(
            "project count: ours {} truth {}",
            op.len(),
            tp.len()
        ));
    }
    for (p, t) in op.iter().zip(&tp) {
        let at = format!("project {}", t["name"]);
        for f in ["name", "goal"] {
            if p[f] != t[f] {
                d.push(format!("{at} {f}: ours {} truth {}", p[f], t[f]));
            }
        }
        same_amounts(&p["amounts"], &t["amounts"], &at, d);
        let (oi, ti) = (
            p["indicators"].as_array().cloned().unwrap_or_default(),
            t["indicators"].as_array().cloned().unwrap_or_default(),
        );
        if oi.len() != ti.len() {
            d.push(format!(
                "{at} indicator count: ours {} truth {}",
                oi.len(),
                ti.len()
            ));
        }
        for (i, ti) in oi.iter().zip(&ti) {
            for (k, tv) in ti.as_object().into_iter().flatten() {
                if &i[k] != tv {
                    d.push(format!(
                        "{at} indicator {}.{} {k}: ours {} truth {tv}",
                        ti["group"], ti["seq"], i[k]
                    ));
                }
            }
        }
    }
}

fn assert_matches_truth(sample: &str, truth_file: &str) {
    let ours = converted(sample);
    let t = truth(truth_file);
    let tables = ours["tables"].as_array().cloned().unwrap_or_default();
    assert_eq!(tables.len(), 1, "{sample}: one table");
    let diffs = compare_table(&tables[0], &t);
    assert!(
        diffs.is_empty(),
        "{sample} differs from truth:\n{}",
        diffs.join("\n")
    );
    let checks = tables[0]["checks"].as_array().cloned().unwrap_or_default();
    assert!(
        !checks.is_empty() && checks.iter().all(|c| c["ok"] == true),
        "{sample}: every check reconciles"
    );
}

#[test]
fn seed_matches_truth() {
    assert_matches_truth("seed-gzast.txt", "seed.json");
}

#[test]
fn seed_gbk_matches_truth() {
    assert_matches_truth("seed-gzast-gbk.txt", "seed.json");
}

#[test]
fn kjfw_text_matches_truth() {
    assert_matches_truth("kjfw-text.txt", "kjfw.json");
}

#[test]
fn kjfw_text_cid_matches_truth() {
    assert_matches_truth("kjfw-text-cid.txt", "kjfw.json");
}

#[test]
fn kjfw_pdf_matches_truth() {
    assert_matches_truth("kjfw-docx-lo-landscape-noto.pdf", "kjfw.json");
}

#[test]
fn kjfw_cid_pdf_matches_truth() {
    assert_matches_truth("kjfw-cid.pdf", "kjfw.json");
}

#[test]
fn seed_pdf_matches_truth() {
    assert_matches_truth("seed-docx-lo-landscape-noto.pdf", "seed.json");
}

#[test]
fn seed_has_the_counted_shape() {
    let v = converted("seed-gzast.txt");
    let t = &v["tables"][0];
    assert_eq!(t["total"]["total"].as_f64(), Some(8234.33));
    let units = t["units"].as_array().expect("units");
    assert_eq!(units.len(), 1);
    let projects = units[0]["projects"].as_array().expect("projects");
    assert_eq!(projects.len(), 15);
    let n: usize = projects
        .iter()
        .map(|p| p["indicators"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(n, 125);
    let kc = projects
        .iter()
        .find(|p| p["name"] == "“科创中国”创新枢纽城市建设经费")
        .expect("科创中国");
    let ki = kc["indicators"].as_array().expect("indicators");
    assert_eq!(ki.len(), 21);
    assert_eq!(ki.iter().filter(|i| i["group"] == 2).count(), 2);
    let goal = kc["goal"].as_str().expect("goal");
    assert!(goal.starts_with("通过举办中国创新创业成果交易会") && goal.ends_with("建言献策。"));
    let kp = projects
        .iter()
        .find(|p| p["name"] == "科普经费")
        .expect("科普经费");
    assert_eq!(kp["indicators"].as_array().map(Vec::len), Some(9));
}

#[test]
fn gbk_copy_converts_like_utf8() {
    let mut a = converted("seed-gzast.txt");
    let mut b = converted("seed-gzast-gbk.txt");
    for v in [&mut a, &mut b] {
        v["source"] = Value::Null;
        for t in v["tables"].as_array_mut().into_iter().flatten() {
            for w in t["warnings"].as_array_mut().into_iter().flatten() {
                w["source"] = Value::Null;
            }
        }
    }
    assert_eq!(a, b);
}

#[test]
fn word_html_matches_truth() {
    assert_matches_truth("seed-html-word.htm", "seed.json");
}

#[test]
fn government_html_page_matches_truth() {
    assert_matches_truth("kjfw-html-clean.html", "kjfw.json");
}
