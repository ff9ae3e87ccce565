//! The AWS CLI's customization arguments: options its customizations add that set no member by
//! themselves, such as ec2 run-instances `--count 1` or the security-group
//! `--protocol tcp --port 22 --cidr 10.0.0.0/16`. Which option an operation has, and which class
//! implements it, is data from the CLI's own argument table (`Operation::custom_args`); here is
//! one strategy per class, written from the pinned CLI's source
//! (`awscli/customizations/ec2/{addcount,runinstances,secgroupsimplify}.py`), to read such an
//! option into a form as the CLI turns it into parameters, and to write `--count` where people
//! write it.

use crate::core::model::Operation;
use crate::core::request::form::FormState;
use crate::core::request::value::Value;

/// What one customization class does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// `--count min[:max]`: MinCount and MaxCount.
    Count,
    /// `--secondary-private-ip-addresses a b …`: the first network interface's addresses.
    SecondaryIps,
    /// `--secondary-private-ip-address-count n`.
    SecondaryIpCount,
    /// `--associate-public-ip-address` (true) / `--no-associate-public-ip-address` (false).
    AssociatePublicIp(bool),
    /// `--protocol tcp|udp|icmp|all|<number>`: the first permission's IpProtocol.
    Protocol,
    /// `--port from[-to]|all`: FromPort and ToPort.
    Port,
    /// `--cidr a.b.c.d/n`: the first permission's IpRanges.
    Cidr,
    /// `--source-group sg-…|name`: the first group pair's GroupId or GroupName.
    SourceGroup,
    /// `--group-owner account`: the first group pair's UserId.
    GroupOwner,
}

/// How many words an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// A flag.
    Nothing,
    /// One value.
    One,
    /// Any number of values (argparse's `nargs='*'`).
    Many,
}

impl Strategy {
    /// The strategy for a customization class, when the page has one.
    pub fn for_class(class: &str) -> Option<Strategy> {
        Some(match class {
            "CountArgument" => Strategy::Count,
            "SecondaryPrivateIpAddressesArgument" => Strategy::SecondaryIps,
            "SecondaryPrivateIpAddressCountArgument" => Strategy::SecondaryIpCount,
            "AssociatePublicIpAddressArgument" => Strategy::AssociatePublicIp(true),
            "NoAssociatePublicIpAddressArgument" => Strategy::AssociatePublicIp(false),
            "ProtocolArgument" => Strategy::Protocol,
            "PortArgument" => Strategy::Port,
            "CidrArgument" => Strategy::Cidr,
            "SourceGroupArgument" => Strategy::SourceGroup,
            "GroupOwnerArgument" => Strategy::GroupOwner,
            _ => return None,
        })
    }

    /// How many words the option takes.
    pub fn takes(self) -> Takes {
        match self {
            Strategy::AssociatePublicIp(_) => Takes::Nothing,
            Strategy::SecondaryIps => Takes::Many,
            _ => Takes::One,
        }
    }

    /// The member whose own option the CLI refuses next to this one ("" for none).
    fn exclusive_with(self) -> &'static str {
        match self {
            Strategy::Count => "",
            Strategy::SecondaryIps
            | Strategy::SecondaryIpCount
            | Strategy::AssociatePublicIp(_) => "NetworkInterfaces",
            _ => "IpPermissions",
        }
    }
}

/// The customization option an operation has under a name (without `--`), with its strategy;
/// `Err` with the class when the page has no strategy for it.
pub fn find(op: &Operation, option: &str) -> Option<Result<Strategy, &'static str>> {
    let (_, class) = op.custom_args.iter().find(|(arg, _)| *arg == option)?;
    Some(Strategy::for_class(class).ok_or(*class))
}

/// Whether giving `member` as its own option rules this strategy's option out.
pub fn conflicts(strategy: Strategy, member: &str) -> bool {
    strategy.exclusive_with() == member
}

/// Every customization option of an operation, `--` included, in the CLI's order.
pub fn option_strings(op: &Operation) -> impl Iterator<Item = String> + '_ {
    op.custom_args.iter().map(|(arg, _)| format!("--{arg}"))
}

/// Applies one customization option to a form as the CLI builds its parameters. `given` says
/// whether the member it cannot be mixed with was given as an option of its own. The error is
/// the CLI's message.
pub fn apply(
    strategy: Strategy,
    option: &str,
    values: &[&str],
    given: bool,
    form: &mut FormState,
) -> Result<(), String> {
    let value = values.first().copied().unwrap_or("");
    // argparse's "store" keeps an empty string, which the customizations treat as not given.
    let set = !(value.is_empty() && strategy.takes() == Takes::One);
    if given && set && !strategy.exclusive_with().is_empty() {
        return Err(match strategy.exclusive_with() {
            "NetworkInterfaces" => "Mixing the --network-interfaces option with the simple, scalar options is not supported.".to_string(),
            _ => format!("The {option} option is not compatible with the --ip-permissions option "),
        });
    }
    match strategy {
        Strategy::Count => {
            let (min, max) = value.split_once(':').unwrap_or((value, value));
            let count = |text: &str| python_int(text).filter(|_| !max.contains(':'));
            match (count(min), count(max)) {
                (Some(min), Some(max)) => {
                    form.set("MinCount", &min.to_string());
                    form.set("MaxCount", &max.to_string());
                }
                _ => {
                    return Err(
                        "count parameter should be of form min[:max] (e.g. 1 or 1:10)".to_string()
                    )
                }
            }
        }
        Strategy::SecondaryIps => {
            let addresses: Vec<&str> = values.to_vec();
            if !addresses.is_empty() {
                let first = network_interface(form);
                let list = format!("{first}.PrivateIpAddresses");
                if form.list_len(&list).is_none() {
                    form.set_list_len(&list, Some(addresses.len()));
                    for (i, address) in addresses.iter().enumerate() {
                        form.set(&format!("{list}[{i}].PrivateIpAddress"), address);
                        form.set(&format!("{list}[{i}].Primary"), "false");
                    }
                }
            }
        }
        Strategy::SecondaryIpCount => {
            let count = python_int(value)
                .ok_or_else(|| format!("argument {option}: invalid int value: '{value}'"))?;
            if count != 0 {
                let first = network_interface(form);
                form.set(&format!("{first}.SecondaryPrivateIpAddressCount"), &count.to_string());
            }
        }
        Strategy::AssociatePublicIp(flag) => {
            let first = network_interface(form);
            form.set(&format!("{first}.AssociatePublicIpAddress"), &flag.to_string());
        }
        Strategy::Protocol if set => {
            let protocol = match python_int(value) {
                Some(n) if (0..=255).contains(&n) || n == -1 => value.to_string(),
                Some(_) => return Err("protocol numbers must be in the range 0-255 or -1 to specify all protocols".to_string()),
                None if value == "all" => "-1".to_string(),
                None if ["tcp", "udp", "icmp"].contains(&value) => value.to_string(),
                None => return Err("protocol parameter should be one of: tcp|udp|icmp|all or any valid protocol number.".to_string()),
            };
            let first = permission(form);
            form.set(&format!("{first}.IpProtocol"), &protocol);
        }
        Strategy::Port if set => {
            let (from, to) = match value {
                "-1" | "all" => ("-1", "-1"),
                _ => value.split_once('-').unwrap_or((value, value)),
            };
            match (python_int(from), python_int(to)) {
                (Some(from), Some(to)) => {
                    let first = permission(form);
                    form.set(&format!("{first}.FromPort"), &from.to_string());
                    form.set(&format!("{first}.ToPort"), &to.to_string());
                }
                _ => {
                    return Err(
                        "port parameter should be of the form <from[-to]> (e.g. 22 or 22-25)"
                            .to_string(),
                    )
                }
            }
        }
        Strategy::Cidr if set => {
            let ranges = format!("{}.IpRanges", permission(form));
            form.clear_under(&ranges);
            form.set_list_len(&ranges, Some(1));
            form.set(&format!("{ranges}[0].CidrIp"), value);
        }
        Strategy::SourceGroup if set => {
            let key = if value.starts_with("sg-") { "GroupId" } else { "GroupName" };
            let pair = group_pair(form);
            form.set(&format!("{pair}.{key}"), value);
        }
        Strategy::GroupOwner if set => {
            let pair = group_pair(form);
            form.set(&format!("{pair}.UserId"), value);
        }
        _ => {}
    }
    Ok(())
}

/// ec2 RunInstances' `_fix_args` (before-parameter-build): once the first network interface
/// carries one of the simple options' keys, the request-level SubnetId, SecurityGroupIds,
/// PrivateIpAddress and IPv6 members move into that interface, since EC2 refuses them beside
/// a NetworkInterfaces structure.
pub fn fix_run_instances(op: &Operation, form: &mut FormState) {
    if !op.custom_args.iter().any(|(_, class)| *class == "AssociatePublicIpAddressArgument") {
        return;
    }
    let first = "NetworkInterfaces[0]";
    if form.list_len("NetworkInterfaces").is_none_or(|n| n == 0) {
        return;
    }
    let simple =
        ["PrivateIpAddresses", "SecondaryPrivateIpAddressCount", "AssociatePublicIpAddress"];
    if !simple.iter().any(|key| form.has_any_under(&format!("{first}.{key}"))) {
        return;
    }
    form.move_under("SubnetId", &format!("{first}.SubnetId"));
    form.move_under("SecurityGroupIds", &format!("{first}.Groups"));
    let address = form.value("PrivateIpAddress").map(str::to_string);
    if let Some(address) = address {
        let list = format!("{first}.PrivateIpAddresses");
        form.clear_under(&list);
        form.set_list_len(&list, Some(1));
        form.set(&format!("{list}[0].PrivateIpAddress"), &address);
        form.set(&format!("{list}[0].Primary"), "true");
        form.set("PrivateIpAddress", "");
    }
    form.move_under("Ipv6AddressCount", &format!("{first}.Ipv6AddressCount"));
    form.move_under("Ipv6Addresses", &format!("{first}.Ipv6Addresses"));
    form.move_under("EnablePrimaryIpv6", &format!("{first}.PrimaryIpv6"));
}

/// `--count` for a request whose MinCount and MaxCount it can say: `n` or `min:max`.
pub fn count_word(op: &Operation, request: &Value) -> Option<String> {
    op.custom_args.iter().find(|(_, class)| *class == "CountArgument")?;
    match (request.field("MinCount"), request.field("MaxCount")) {
        (Some(Value::Int(min)), Some(Value::Int(max))) if min == max => Some(min.to_string()),
        (Some(Value::Int(min)), Some(Value::Int(max))) => Some(format!("{min}:{max}")),
        _ => None,
    }
}

/// Python's `int()` of a string: optional sign and surrounding whitespace, digits (with `_`
/// between them).
fn python_int(text: &str) -> Option<i64> {
    let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let digits = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let valid = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_')
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__");
    valid.then(|| trimmed.replace('_', "").parse().ok()).flatten()
}

/// The first network interface, made as the CLI makes it (`{"DeviceIndex": 0}`) when absent.
fn network_interface(form: &mut FormState) -> &'static str {
    if form.list_len("NetworkInterfaces").is_none_or(|n| n == 0) {
        form.set_list_len("NetworkInterfaces", Some(1));
        form.set("NetworkInterfaces[0].DeviceIndex", "0");
    }
    "NetworkInterfaces[0]"
}

/// The first IP permission, made when absent.
fn permission(form: &mut FormState) -> &'static str {
    if form.list_len("IpPermissions").is_none_or(|n| n == 0) {
        form.set_list_len("IpPermissions", Some(1));
    }
    "IpPermissions[0]"
}

/// The first permission's first group pair, made when absent.
fn group_pair(form: &mut FormState) -> &'static str {
    let first = permission(form);
    let pairs = format!("{first}.UserIdGroupPairs");
    if form.list_len(&pairs).is_none_or(|n| n == 0) {
        form.set_list_len(&pairs, Some(1));
    }
    "IpPermissions[0].UserIdGroupPairs[0]"
}

#[cfg(test)]
mod tests {
    use super::python_int;

    #[test]
    fn ints_read_as_python_reads_them() {
        for (text, expected) in [
            ("1", Some(1)),
            (" 2 ", Some(2)),
            ("+3", Some(3)),
            ("-1", Some(-1)),
            ("1_000", Some(1000)),
            ("", None),
            ("1.5", None),
            ("_1", None),
            ("1__0", None),
            ("x", None),
        ] {
            assert_eq!(python_int(text), expected, "{text:?}");
        }
    }
}
