//! The organisation directory seed: the centre plus the 38 provinces and 514 regencies/cities
//! from the official Kemendagri codes shipped in `data/wilayah/` (cahyadsn/wilayah, MIT).

use super::org::{CENTRE_CODE, NewOrg, OrgLevel};

const PROVINCES_CSV: &str = include_str!("../../../../data/wilayah/provinces.csv");
const REGENCIES_CSV: &str = include_str!("../../../../data/wilayah/regencies.csv");

pub const CENTRE_NAME: &str = "Pusat Penerangan";

/// Every organisation, parents before children.
pub fn seed() -> Result<Vec<NewOrg>, String> {
    let mut out = vec![NewOrg {
        code: CENTRE_CODE.to_owned(),
        name: CENTRE_NAME.to_owned(),
        level: OrgLevel::Centre,
        parent_code: None,
    }];
    let mut rdr = csv::Reader::from_reader(PROVINCES_CSV.as_bytes());
    for rec in rdr.records() {
        let rec = rec.map_err(|e| format!("provinces.csv: {e}"))?;
        let (code, name) = (rec.get(0).unwrap_or(""), rec.get(1).unwrap_or(""));
        if code.is_empty() || name.is_empty() {
            return Err(format!("provinces.csv: incomplete row {rec:?}"));
        }
        out.push(NewOrg {
            code: code.to_owned(),
            name: name.to_owned(),
            level: OrgLevel::Province,
            parent_code: Some(CENTRE_CODE.to_owned()),
        });
    }
    let mut rdr = csv::Reader::from_reader(REGENCIES_CSV.as_bytes());
    for rec in rdr.records() {
        let rec = rec.map_err(|e| format!("regencies.csv: {e}"))?;
        let (code, name, parent) = (
            rec.get(0).unwrap_or(""),
            rec.get(1).unwrap_or(""),
            rec.get(2).unwrap_or(""),
        );
        if code.is_empty() || name.is_empty() || parent.is_empty() {
            return Err(format!("regencies.csv: incomplete row {rec:?}"));
        }
        let level = if name.starts_with("Kota ") {
            OrgLevel::City
        } else {
            OrgLevel::Regency
        };
        out.push(NewOrg {
            code: code.to_owned(),
            name: name.to_owned(),
            level,
            parent_code: Some(parent.to_owned()),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_has_the_whole_country() {
        let orgs = seed().unwrap();
        assert_eq!(orgs.len(), 1 + 38 + 514);
        let cities = orgs.iter().filter(|o| o.level == OrgLevel::City).count();
        let regencies = orgs.iter().filter(|o| o.level == OrgLevel::Regency).count();
        assert_eq!((regencies, cities), (416, 98));
        let bandung = orgs.iter().find(|o| o.code == "32.73").unwrap();
        assert_eq!(bandung.name, "Kota Bandung");
        assert_eq!(bandung.parent_code.as_deref(), Some("32"));
    }
}
