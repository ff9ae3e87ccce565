//! Endpoint hosts per region from botocore's `endpoints.json`: the partitions `aws`,
//! `aws-cn` and `aws-us-gov`, each with its DNS suffix, the default hostname template, and the
//! service's own hostnames where they differ (global services such as IAM).

use request_builder::core::model::Endpoints as ServiceEndpoints;
use serde_json::Value;
use std::path::Path;

/// The partitions the page offers.
const PARTITIONS: [&str; 3] = ["aws", "aws-cn", "aws-us-gov"];

/// The parsed `endpoints.json`.
pub struct Endpoints {
    doc: Value,
}

impl Endpoints {
    pub fn read(path: &Path) -> Result<Endpoints, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Endpoints { doc })
    }

    /// Regions, templates and overrides for the service with this endpoint prefix.
    pub fn for_service(&self, prefix: &str) -> ServiceEndpoints {
        let mut regions: Vec<String> = Vec::new();
        let mut templates: Vec<(String, String)> = Vec::new();
        let mut overrides: Vec<(String, String)> = Vec::new();
        let partitions = self.doc["partitions"].as_array().cloned().unwrap_or_default();
        for name in PARTITIONS {
            let Some(partition) = partitions.iter().find(|p| p["partition"] == name) else {
                continue;
            };
            let suffix = partition["dnsSuffix"].as_str().unwrap_or("amazonaws.com");
            let known: Vec<&String> =
                partition["regions"].as_object().map(|r| r.keys().collect()).unwrap_or_default();
            let service = &partition["services"][prefix];
            let default_host = partition["defaults"]["hostname"]
                .as_str()
                .unwrap_or("{service}.{region}.{dnsSuffix}");
            let host_template = service["defaults"]["hostname"].as_str().unwrap_or(default_host);
            let fill = |template: &str, region: &str| {
                template
                    .replace("{service}", prefix)
                    .replace("{dnsSuffix}", suffix)
                    .replace("{region}", region)
            };
            let region_prefix = match name {
                "aws-cn" => "cn-",
                "aws-us-gov" => "us-gov-",
                _ => "",
            };
            let template = fill(host_template, "{region}");
            let endpoints = service["endpoints"].as_object().cloned().unwrap_or_default();
            let mut service_regions: Vec<String> =
                endpoints.keys().filter(|r| known.contains(r)).cloned().collect();
            if service.is_null() && name == "aws" {
                // A service botocore lists nowhere still answers at the template in every
                // commercial region.
                service_regions = known.iter().map(|r| r.to_string()).collect();
            }
            let global = service["isRegionalized"] == Value::Bool(false);
            let partition_endpoint = service["partitionEndpoint"].as_str();
            if global {
                if let Some(host) = partition_endpoint.and_then(|e| endpoints.get(e)) {
                    let scope = host["credentialScope"]["region"].as_str().unwrap_or("us-east-1");
                    let hostname = host["hostname"]
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| fill(host_template, scope));
                    for region in &known {
                        overrides.push((region.to_string(), hostname.clone()));
                    }
                    service_regions = known.iter().map(|r| r.to_string()).collect();
                }
            }
            // A service with only a global endpoint and no `partitionEndpoint`
            // (route53-recovery-control-config): its credential scope is its one region.
            if service_regions.is_empty() && !global {
                for host in endpoints.values() {
                    if let (Some(scope), Some(hostname)) =
                        (host["credentialScope"]["region"].as_str(), host["hostname"].as_str())
                    {
                        if known.iter().any(|r| *r == scope)
                            && !service_regions.iter().any(|r| r == scope)
                        {
                            service_regions.push(scope.to_string());
                            overrides.push((scope.to_string(), hostname.to_string()));
                        }
                    }
                }
            }
            for region in &service_regions {
                if let Some(hostname) =
                    endpoints.get(region.as_str()).and_then(|e| e["hostname"].as_str())
                {
                    if hostname != fill(host_template, region)
                        && !overrides.iter().any(|(r, _)| r == region)
                    {
                        overrides.push((region.clone(), hostname.to_string()));
                    }
                }
            }
            regions.extend(service_regions);
            templates.push((region_prefix.to_string(), template));
        }
        // The most specific prefixes first, the commercial partition (empty prefix) last.
        templates.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        if let Some(first) = regions.iter().position(|r| r == "us-east-1") {
            let default = regions.remove(first);
            regions.insert(0, default);
        }
        ServiceEndpoints { regions, templates, overrides }
    }
}
