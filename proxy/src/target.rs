//! Where a request may go. The page names its target in `x-proxy-target`; the proxy accepts
//! only the official endpoints of the services in the page's compiled models (so it is never an
//! open relay), unless a `--endpoint SERVICE=URL` override sends that service to an emulator.
//!
//! The allow-list is data, loaded once at start-up ([`AllowList::load`]):
//!
//! - `models/endpoints.json` (written by `scripts/build-models`): per cloud and signing name
//!   (what the page sends in `x-proxy-service`), the official host patterns, `{region}`
//!   templates (`dms.{region}.amazonaws.com`) and the fixed hosts of global endpoints
//!   (`iam.amazonaws.com`);
//! - the service model files next to it (`models/<cloud>/*.json`), read by the core's reader
//!   of the format (`model::decode`, the page's own): the regions of every service, whose
//!   union per cloud is the set of regions the proxy signs for, the operations' `hostPrefix`
//!   (`data-`, `sync-`), which the page puts before the host, and their methods.
//!
//! Alibaba Cloud products are data like the AWS services: their hosts are what the products'
//! SDKs resolve (`tools/aliyun_models.py`: the central host, the `{region}` host of the other
//! endpoint rule, and each region's own host from the SDK's endpoint map).

use anyhow::{bail, Context, Result};
use request_builder::core::model::decode;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use url::Url;

/// Host prefixes the models do not state as `hostPrefix`: S3's virtual-hosted buckets
/// (`my-bucket.s3.amazonaws.com`), which the page addresses as the AWS CLI does by default.
pub const EXTRA_PREFIXES: &[(&str, &str, &str)] = &[("aws", "s3", "{Bucket}.")];

/// The default endpoint data: `models/endpoints.json` of this checkout.
pub fn default_endpoints_file() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../models/endpoints.json")).to_path_buf()
}

/// A checked target: where to send, and what to sign for.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// `aws` or `aliyun`.
    pub cloud: String,
    /// The signing name / product: `dms`, `sqs`, `iam`, `smc`.
    pub service: String,
    /// The region to sign for.
    pub region: String,
    /// Where the request really goes (the official endpoint, or an override).
    pub upstream: Url,
}

/// One service's official hosts.
#[derive(Clone, Debug, Default)]
struct Hosts {
    /// Host patterns: `{region}` is the request's region.
    patterns: Vec<String>,
    /// Operation host prefixes (`data-`, `sync-`); `{Label}` in one stands for one DNS label.
    prefixes: BTreeSet<String>,
    /// The HTTP methods of the service's operations (`POST` for RPC ones, a REST operation's
    /// own method otherwise).
    methods: BTreeSet<String>,
}

/// The official endpoints and regions, per cloud and signing name. The default is empty and
/// refuses every target.
#[derive(Clone, Debug, Default)]
pub struct AllowList {
    hosts: HashMap<(String, String), Hosts>,
    regions: HashMap<String, HashSet<String>>,
    source: String,
}

/// What one model file adds: cloud, signing name, regions, host prefixes.
pub struct ModelFacts {
    /// `aws` or `aliyun`.
    pub cloud: String,
    /// The signing name.
    pub signing_name: String,
    /// The service's regions.
    pub regions: Vec<String>,
    /// Its operations' host prefixes.
    pub host_prefixes: Vec<String>,
    /// Its operations' HTTP methods.
    pub methods: Vec<String>,
}

impl ModelFacts {
    /// The facts of one compiled model file, read by the page's own reader of the format.
    fn read(path: &Path, hint: &str) -> Result<ModelFacts> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let file = decode::service_file(&text)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("{} is not a compiled model ({hint})", path.display()))?;
        if file.format != request_builder::core::model::format::FORMAT {
            bail!(
                "{} is in model format {}, this proxy reads {} ({hint})",
                path.display(),
                file.format,
                request_builder::core::model::format::FORMAT
            );
        }
        let methods = file
            .operations
            .iter()
            .map(|op| op.http.as_ref().map_or("POST", |h| h.method.as_str()).to_string());
        Ok(ModelFacts {
            cloud: file.cloud.slug().to_string(),
            regions: file.endpoints.regions,
            methods: methods.collect(),
            host_prefixes: file.operations.into_iter().filter_map(|op| op.host_prefix).collect(),
            signing_name: file.signing_name,
        })
    }
}

impl AllowList {
    /// Loads `endpoints.json` and the model files in the folders beside it.
    pub fn load(endpoints: &Path) -> Result<AllowList> {
        let hint = "run scripts/build-models, or name the file with --endpoints FILE";
        let text = std::fs::read(endpoints).with_context(|| {
            format!("cannot read the endpoint data {} ({hint})", endpoints.display())
        })?;
        let data: HashMap<String, HashMap<String, Vec<String>>> = serde_json::from_slice(&text)
            .with_context(|| format!("{} is not endpoint data ({hint})", endpoints.display()))?;
        let folder = endpoints.parent().unwrap_or(Path::new("."));
        let mut models = Vec::new();
        for cloud in data.keys() {
            let dir = folder.join(cloud);
            let entries = std::fs::read_dir(&dir).with_context(|| {
                format!("cannot read the {cloud} models in {} ({hint})", dir.display())
            })?;
            for entry in entries {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "json") {
                    models.push(ModelFacts::read(&path, hint)?);
                }
            }
        }
        let list = AllowList::from_data(data, models, &endpoints.display().to_string());
        for (cloud, regions) in &list.regions {
            if regions.is_empty() {
                bail!("the {cloud} models beside {} list no regions ({hint})", endpoints.display());
            }
        }
        Ok(list)
    }

    /// Builds the allow-list from endpoint data (`cloud -> signing name -> host patterns`) and
    /// the facts of the model files; `source` names the data in refusals.
    pub fn from_data(
        data: HashMap<String, HashMap<String, Vec<String>>>,
        models: Vec<ModelFacts>,
        source: &str,
    ) -> AllowList {
        let mut hosts: HashMap<(String, String), Hosts> = HashMap::new();
        let mut regions: HashMap<String, HashSet<String>> = HashMap::new();
        for (cloud, services) in data {
            regions.entry(cloud.clone()).or_default();
            for (service, patterns) in services {
                hosts
                    .entry((cloud.clone(), service))
                    .or_default()
                    .patterns
                    .extend(patterns.into_iter().map(|p| p.to_ascii_lowercase()));
            }
        }
        for (cloud, service, prefix) in EXTRA_PREFIXES {
            if let Some(entry) = hosts.get_mut(&(cloud.to_string(), service.to_string())) {
                entry.prefixes.insert(prefix.to_ascii_lowercase());
            }
        }
        for model in models {
            regions.entry(model.cloud.clone()).or_default().extend(model.regions);
            if let Some(entry) = hosts.get_mut(&(model.cloud, model.signing_name)) {
                entry
                    .prefixes
                    .extend(model.host_prefixes.into_iter().map(|p| p.to_ascii_lowercase()));
                entry.methods.extend(model.methods);
            }
        }
        AllowList { hosts, regions, source: source.to_string() }
    }

    /// How many services of `cloud` the allow-list knows.
    pub fn services(&self, cloud: &str) -> usize {
        self.hosts.keys().filter(|(c, _)| c == cloud).count()
    }

    /// Whether `service` (a signing name) is in the data, for any cloud.
    pub fn knows_service(&self, service: &str) -> bool {
        self.hosts.keys().any(|(_, s)| s == service)
    }

    /// The methods the operations of `service` use (empty for an unknown service), so the proxy
    /// signs a method only where the model names it, never on the caller's word alone.
    pub fn methods(&self, cloud: &str, service: &str) -> Vec<&str> {
        self.hosts
            .get(&(cloud.to_string(), service.to_string()))
            .map_or(Vec::new(), |h| h.methods.iter().map(String::as_str).collect())
    }

    /// Whether some partition of `cloud` in the data lists `region`.
    pub fn knows_region(&self, cloud: &str, region: &str) -> bool {
        self.regions.get(cloud).is_some_and(|r| r.contains(region))
    }

    /// Checks the page's target headers against the allow-list.
    pub fn check(
        &self,
        cloud: &str,
        service: &str,
        region: &str,
        target: &str,
        overrides: &HashMap<String, Url>,
    ) -> Result<Target, String> {
        let url =
            Url::parse(target).map_err(|_| format!("x-proxy-target {target:?} is not a URL"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err("x-proxy-target carries a user name or password; this proxy forwards only to the official endpoints, without user-info".into());
        }
        if url.port().is_some() {
            return Err(format!("x-proxy-target names port {}; this proxy forwards only to the official endpoints on the https port", url.port().unwrap_or_default()));
        }
        if !valid_region(region) {
            return Err(format!("x-proxy-region {region:?} is not a region name (lowercase words and digits joined by hyphens, such as us-east-1 or cn-hangzhou)"));
        }
        let Some(hosts) = self.hosts.get(&(cloud.to_string(), service.to_string())) else {
            return Err(format!("{cloud} {service} is not a service in the endpoint data ({}); this proxy forwards only to the official endpoints of those", self.source));
        };
        if !self.knows_region(cloud, region) {
            return Err(format!("x-proxy-region {region:?} is not a region of any {cloud} partition in the endpoint data ({})", self.source));
        }
        let host = url.host_str().unwrap_or_default();
        if url.scheme() != "https" || !hosts.matches(host, region) {
            return Err(format!("{target} is not an official {service} endpoint for region {region}; this proxy forwards only to those"));
        }
        let upstream = overrides.get(service).cloned().unwrap_or(url);
        Ok(Target { cloud: cloud.into(), service: service.into(), region: region.into(), upstream })
    }
}

impl Hosts {
    /// Whether `host` is one of the patterns for `region`, bare or after one of the prefixes.
    fn matches(&self, host: &str, region: &str) -> bool {
        let prefixes = std::iter::once("").chain(self.prefixes.iter().map(String::as_str));
        prefixes.into_iter().any(|prefix| {
            self.patterns.iter().any(|pattern| {
                matches_template(host, &format!("{prefix}{}", pattern.replace("{region}", region)))
            })
        })
    }
}

/// Whether `host` is `template`, where each remaining `{Name}` (a host label of an operation's
/// prefix) stands for one non-empty DNS label of lowercase letters, digits and hyphens.
fn matches_template(host: &str, template: &str) -> bool {
    let mut rest = host;
    let mut pieces = template.split('{');
    let Some(first) = pieces.next() else { return false };
    let Some(after) = rest.strip_prefix(first) else { return false };
    rest = after;
    for piece in pieces {
        let Some((_, literal)) = piece.split_once('}') else { return false };
        let label = rest
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
            .count();
        if label == 0 || label > 63 {
            return false;
        }
        let Some(after) = rest[label..].strip_prefix(literal) else { return false };
        rest = after;
    }
    rest.is_empty()
}

/// Whether `region` has the shape of an AWS or Alibaba Cloud region id (`us-east-1`,
/// `cn-hangzhou`, `cn-shanghai-finance-1`, `us-gov-west-1`): 2 to 6 lowercase-alphanumeric
/// words joined by single hyphens, starting with a letter, 32 characters at most. The signature
/// and the log both carry it, so nothing else gets through. [`AllowList::check`] then also
/// requires a region that the data lists.
pub fn valid_region(region: &str) -> bool {
    let words: Vec<&str> = region.split('-').collect();
    region.len() <= 32
        && region.starts_with(|c: char| c.is_ascii_lowercase())
        && (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::{AllowList, ModelFacts};
    use std::collections::HashMap;

    /// A small slice of the real data: four services, two of them with a global host or an
    /// operation host prefix.
    fn list() -> AllowList {
        let data = serde_json::json!({
            "aws": {
                "dms": ["dms.{region}.amazonaws.com", "dms.{region}.amazonaws.com.cn"],
                "datasync": ["datasync.{region}.amazonaws.com", "datasync.{region}.amazonaws.com.cn"],
                "iam": ["iam.amazonaws.com", "iam.cn-north-1.amazonaws.com.cn", "iam.{region}.amazonaws.com"],
                "servicediscovery": ["servicediscovery.{region}.amazonaws.com"],
            },
            "aliyun": {
                "smc": ["smc.aliyuncs.com", "smc.{region}.aliyuncs.com"],
                "ecs": ["ecs-cn-hangzhou.aliyuncs.com", "ecs.aliyuncs.com", "ecs.{region}.aliyuncs.com"]
            }
        });
        let aws =
            ["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"].map(String::from).to_vec();
        let facts = |cloud: &str, name: &str, regions: &[String], prefixes: &[&str]| ModelFacts {
            cloud: cloud.into(),
            signing_name: name.into(),
            regions: regions.to_vec(),
            host_prefixes: prefixes.iter().map(|p| p.to_string()).collect(),
            methods: vec!["POST".to_string()],
        };
        let models = vec![
            facts("aws", "dms", &aws, &[]),
            facts("aws", "servicediscovery", &aws, &["data-", "{Account}.x."]),
            facts("aliyun", "smc", &["cn-hangzhou".to_string(), "ap-southeast-1".to_string()], &[]),
            facts("aliyun", "ecs", &["cn-hangzhou".to_string(), "ap-southeast-1".to_string()], &[]),
        ];
        AllowList::from_data(serde_json::from_value(data).unwrap(), models, "test data")
    }

    #[test]
    fn only_official_endpoints_of_the_named_service_and_region() {
        let (list, none) = (list(), HashMap::new());
        for good in [
            ("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com/"),
            ("aws", "dms", "cn-north-1", "https://dms.cn-north-1.amazonaws.com.cn"),
            ("aws", "iam", "us-east-1", "https://iam.amazonaws.com/"),
            ("aws", "iam", "cn-north-1", "https://iam.cn-north-1.amazonaws.com.cn/"),
            (
                "aws",
                "servicediscovery",
                "us-east-1",
                "https://data-servicediscovery.us-east-1.amazonaws.com/",
            ),
            (
                "aws",
                "servicediscovery",
                "us-east-1",
                "https://a-1.x.servicediscovery.us-east-1.amazonaws.com/",
            ),
            ("aliyun", "smc", "cn-hangzhou", "https://smc.aliyuncs.com/"),
            ("aliyun", "smc", "cn-hangzhou", "https://smc.cn-hangzhou.aliyuncs.com/"),
            ("aliyun", "ecs", "cn-hangzhou", "https://ecs-cn-hangzhou.aliyuncs.com/"),
            ("aliyun", "ecs", "ap-southeast-1", "https://ecs.ap-southeast-1.aliyuncs.com/"),
        ] {
            assert!(list.check(good.0, good.1, good.2, good.3, &none).is_ok(), "{good:?}");
        }
        for bad in [
            ("aws", "dms", "us-east-1", "https://evil.example.com/"),
            ("aws", "dms", "us-east-1", "http://dms.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://dms.eu-west-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://datasync.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com.evil.com/"),
            ("aws", "dms", "us-east-1", "https://evil.com.dms.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://data-dms.us-east-1.amazonaws.com/"),
            ("aws", "iam", "us-east-1", "https://iam.amazonaws.com.evil.com/"),
            (
                "aws",
                "servicediscovery",
                "us-east-1",
                "https://a.b.x.servicediscovery.us-east-1.amazonaws.com/",
            ),
            (
                "aws",
                "servicediscovery",
                "us-east-1",
                "https://.x.servicediscovery.us-east-1.amazonaws.com/",
            ),
            ("aws", "s3", "us-east-1", "https://s3.us-east-1.amazonaws.com/"),
            ("aws", "smc", "cn-hangzhou", "https://smc.aliyuncs.com/"),
            ("aws", "dms", "us.east", "https://dms.us.east.amazonaws.com/"),
            ("aliyun", "smc", "cn-hangzhou", "https://smc.cn-shanghai.aliyuncs.com/"),
        ] {
            assert!(list.check(bad.0, bad.1, bad.2, bad.3, &none).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_region_no_partition_lists_is_refused_even_on_a_global_host() {
        let (list, none) = (list(), HashMap::new());
        for (cloud, service, region, target) in [
            ("aws", "dms", "xx-mars-1", "https://dms.xx-mars-1.amazonaws.com/"),
            ("aws", "iam", "xx-mars-1", "https://iam.amazonaws.com/"),
            ("aws", "dms", "cn-hangzhou", "https://dms.cn-hangzhou.amazonaws.com/"),
            ("aliyun", "smc", "us-gov-west-1", "https://smc.aliyuncs.com/"),
            ("aliyun", "smc", "cn-mars", "https://smc.cn-mars.aliyuncs.com/"),
        ] {
            let error = list.check(cloud, service, region, target, &none).unwrap_err();
            assert!(error.contains("is not a region of any"), "{error}");
        }
    }

    #[test]
    fn user_info_an_explicit_port_and_a_malformed_region_are_refused() {
        let (list, none) = (list(), HashMap::new());
        for bad in [
            ("aws", "dms", "us-east-1", "https://u:p@dms.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://u@dms.us-east-1.amazonaws.com/"),
            ("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com:22/"),
            ("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com:8443/"),
            ("aliyun", "smc", "cn-hangzhou status=200", "https://smc.aliyuncs.com/"),
            ("aliyun", "smc", "cn-hangzhou\u{1b}[2K", "https://smc.aliyuncs.com/"),
            ("aliyun", "smc", "", "https://smc.aliyuncs.com/"),
            ("aliyun", "smc", "hangzhou", "https://smc.aliyuncs.com/"),
        ] {
            assert!(list.check(bad.0, bad.1, bad.2, bad.3, &none).is_err(), "{bad:?}");
        }
        // `:443` is the https port itself; the URL parser drops it.
        assert!(list
            .check("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com:443/", &none)
            .is_ok());
        for good in [
            "us-east-1",
            "us-gov-west-1",
            "cn-hangzhou",
            "cn-shanghai-finance-1",
            "ap-southeast-5",
            "eu-central-1",
        ] {
            assert!(super::valid_region(good), "{good}");
        }
    }

    #[test]
    fn an_override_redirects_the_service_but_the_target_must_still_be_official() {
        let list = list();
        let overrides =
            HashMap::from([("dms".to_string(), url::Url::parse("http://127.0.0.1:5000").unwrap())]);
        let target = list
            .check("aws", "dms", "us-east-1", "https://dms.us-east-1.amazonaws.com/", &overrides)
            .unwrap();
        assert_eq!(target.upstream.as_str(), "http://127.0.0.1:5000/");
        assert!(list
            .check("aws", "dms", "us-east-1", "https://evil.example.com/", &overrides)
            .is_err());
    }

    #[test]
    fn the_default_allow_list_refuses_everything() {
        let error = AllowList::default()
            .check(
                "aws",
                "dms",
                "us-east-1",
                "https://dms.us-east-1.amazonaws.com/",
                &HashMap::new(),
            )
            .unwrap_err();
        assert!(error.contains("not a service in the endpoint data"), "{error}");
    }

    /// The real data, when `scripts/build-models` has written it: every AWS service's
    /// `{region}` hosts and global hosts pass, neighbours do not. How long it takes to load is
    /// a benchmark figure (bench/proxy-load: start-up), not a test's.
    #[test]
    fn the_generated_data_admits_every_service() {
        let file = super::default_endpoints_file();
        if !file.exists() {
            eprintln!("skipped: {} is missing (run scripts/build-models)", file.display());
            return;
        }
        let started = std::time::Instant::now();
        let list = AllowList::load(&file).unwrap();
        let took = started.elapsed();
        eprintln!("loaded {} AWS services in {took:?}", list.services("aws"));
        assert!(list.services("aws") > 100);
        let none = HashMap::new();
        assert!(list
            .check("aws", "sqs", "xx-mars-1", "https://sqs.xx-mars-1.amazonaws.com/", &none)
            .is_err());
        assert!(list.services("aliyun") >= 7, "{} Alibaba Cloud products", list.services("aliyun"));
        // AWS hosts per partition, and every pinned Alibaba Cloud product at the host its SDK
        // resolves for a region: each allowed, and each with a suffix refused.
        for (cloud, service, region, host) in [
            ("aws", "sqs", "us-east-1", "sqs.us-east-1.amazonaws.com"),
            ("aws", "ec2", "cn-northwest-1", "ec2.cn-northwest-1.amazonaws.com.cn"),
            ("aws", "kms", "us-gov-west-1", "kms.us-gov-west-1.amazonaws.com"),
            ("aws", "iam", "us-east-1", "iam.amazonaws.com"),
            ("aws", "dms", "ap-southeast-6", "dms.ap-southeast-6.amazonaws.com"),
            (
                "aws",
                "servicediscovery",
                "us-east-1",
                "data-servicediscovery.us-east-1.amazonaws.com",
            ),
            ("aliyun", "smc", "cn-hangzhou", "smc.aliyuncs.com"),
            ("aliyun", "smc", "cn-hangzhou", "smc.cn-hangzhou.aliyuncs.com"),
            ("aliyun", "ecs", "cn-hangzhou", "ecs-cn-hangzhou.aliyuncs.com"),
            ("aliyun", "ecs", "eu-central-1", "ecs.eu-central-1.aliyuncs.com"),
            ("aliyun", "dts", "cn-hangzhou", "dts.aliyuncs.com"),
            ("aliyun", "rds", "ap-southeast-1", "rds.ap-southeast-1.aliyuncs.com"),
            ("aliyun", "vpc", "cn-beijing", "vpc.aliyuncs.com"),
            ("aliyun", "r-kvstore", "cn-shanghai", "r-kvstore.aliyuncs.com"),
            ("aliyun", "polardb", "cn-hangzhou", "polardb.aliyuncs.com"),
        ] {
            let target = format!("https://{host}/");
            assert!(
                list.check(cloud, service, region, &target, &none).is_ok(),
                "{service} {target}"
            );
            let evil = format!("https://{host}.evil.com/");
            assert!(list.check(cloud, service, region, &evil, &none).is_err(), "{evil}");
        }
    }
}
