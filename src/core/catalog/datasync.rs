//! AWS DataSync StartTaskExecution (awsJson1.1, API 2018-11-09).
//!
//! botocore lists DataSync as `smithy-rpc-v2-cbor` first and `json` second, but resolves `json`
//! first by its priority order, so the AWS CLI speaks awsJson1.1 to DataSync; so do we.

use crate::core::model::*;
use crate::core::patterns;

const fn choice(values: &'static [EnumValue]) -> Kind {
    Kind::Enum { values, rules: StringRules::NONE }
}

const fn option(name: &'static str, kind: Kind, doc: &'static str) -> Member {
    Member { name, kind, required: false, doc, checks: &[] }
}

const fn required(name: &'static str, kind: Kind, doc: &'static str) -> Member {
    Member { name, kind, required: true, doc, checks: &[] }
}

const fn text(min: Option<u32>, max: u32, pattern: &'static Pattern) -> Kind {
    Kind::String(StringRules { min, max: Some(max), pattern: Some(pattern) })
}

static FILTER_RULE: Kind = Kind::Structure(&[
    option(
        "FilterType",
        Kind::Enum {
            values: &[EnumValue { value: "SIMPLE_PATTERN", doc: "Patterns separated by |, with * wildcards." }],
            rules: StringRules { min: None, max: Some(128), pattern: Some(&patterns::FILTER_TYPE) },
        },
        "The filter syntax; DataSync supports only SIMPLE_PATTERN.",
    ),
    option(
        "Value",
        text(None, 102400, &patterns::FILTER_VALUE),
        "Patterns separated by a pipe, e.g. /folder1|/folder2/*.log.",
    ),
]);



// Kinds used in several places are consts, so every use gets its own copy.
const REPORT_LEVEL_KIND: Kind = choice(&[
    EnumValue { value: "ERRORS_ONLY", doc: "Only what went wrong." },
    EnumValue { value: "SUCCESSES_AND_ERRORS", doc: "What went right and what went wrong." },
]);

static TAG: Kind = Kind::Structure(&[
    required("Key", text(Some(1), 256, &patterns::TAG_KEY), "Tag key."),
    option("Value", Kind::String(StringRules { min: Some(0), max: Some(256), pattern: Some(&patterns::TAG_VALUE) }), "Tag value."),
]);

const BUCKET_ACCESS_ROLE: Member = required(
    "BucketAccessRoleArn",
    text(None, 2048, &patterns::IAM_ROLE_ARN),
    "IAM role that lets DataSync access the bucket.",
);

const S3_BUCKET: Member = required("S3BucketArn", text(None, 268, &patterns::S3_BUCKET_ARN), "ARN of the S3 bucket or access point.");

/// `FmrsService.StartTaskExecution`.
pub static START_TASK_EXECUTION: Operation = Operation {
    cloud: Cloud::Aws,
    service: "datasync",
    service_title: "AWS DataSync",
    name: "StartTaskExecution",
    summary: "Starts one run (a task execution) of a DataSync task. A task runs at most one \
              execution at a time; options given here override the task's own for this run.",
    protocol: Protocol::AwsJson11 { target_prefix: "FmrsService" },
    signing_name: "datasync",
    host_template: "datasync.{region}.amazonaws.com",
    regions: super::AWS_REGIONS,
    input: &[
        required("TaskArn", text(None, 128, &patterns::DATASYNC_TASK_ARN), "ARN of the task to run."),
        option(
            "OverrideOptions",
            Kind::Structure(&[
                option("VerifyMode", choice(&[
                    EnumValue { value: "POINT_IN_TIME_CONSISTENT", doc: "Compare all of source and destination at the end." },
                    EnumValue { value: "ONLY_FILES_TRANSFERRED", doc: "Check only what this run transferred (recommended)." },
                    EnumValue { value: "NONE", doc: "No final check; transfers are still checksummed." },
                ]), "Whether and how to verify the data after the transfer."),
                option("OverwriteMode", choice(&[
                    EnumValue { value: "ALWAYS", doc: "Replace destination files that differ." },
                    EnumValue { value: "NEVER", doc: "Never replace a destination file." },
                ]), "Whether files at the destination may be overwritten."),
                option("Atime", choice(&[
                    EnumValue { value: "NONE", doc: "Ignore access times; needs Mtime NONE." },
                    EnumValue { value: "BEST_EFFORT", doc: "Try to keep access times (default); needs Mtime PRESERVE." },
                ]), "Keep the last-access time of files."),
                option("Mtime", choice(&[
                    EnumValue { value: "NONE", doc: "Ignore modification times; needs Atime NONE." },
                    EnumValue { value: "PRESERVE", doc: "Keep modification times (default); needs Atime BEST_EFFORT." },
                ]), "Keep the last-modified time of files."),
                option("Uid", choice(&[
                    EnumValue { value: "NONE", doc: "Ignore owner IDs." },
                    EnumValue { value: "INT_VALUE", doc: "Keep the numeric ID (default)." },
                    EnumValue { value: "NAME", doc: "Keep the owner name." },
                    EnumValue { value: "BOTH", doc: "Keep both." },
                ]), "Keep the file owner's user ID."),
                option("Gid", choice(&[
                    EnumValue { value: "NONE", doc: "Ignore group IDs." },
                    EnumValue { value: "INT_VALUE", doc: "Keep the numeric ID (default)." },
                    EnumValue { value: "NAME", doc: "Keep the group name." },
                    EnumValue { value: "BOTH", doc: "Keep both." },
                ]), "Keep the file's group ID."),
                option("PreserveDeletedFiles", choice(&[
                    EnumValue { value: "PRESERVE", doc: "Leave destination files missing from the source (default)." },
                    EnumValue { value: "REMOVE", doc: "Delete destination files missing from the source." },
                ]), "What to do with destination files that are gone from the source."),
                option("PreserveDevices", choice(&[
                    EnumValue { value: "NONE", doc: "Skip block and character devices (default)." },
                    EnumValue { value: "PRESERVE", doc: "Recreate device files with their metadata." },
                ]), "Whether to recreate device files at the destination."),
                option("PosixPermissions", choice(&[
                    EnumValue { value: "NONE", doc: "Ignore permissions." },
                    EnumValue { value: "PRESERVE", doc: "Keep POSIX permissions (default)." },
                ]), "Keep POSIX permissions."),
                option("BytesPerSecond", Kind::Long(NumRange { min: Some(-1), max: None }),
                    "Bandwidth limit in bytes per second; -1 means no limit (1048576 is 1 MiB/s)."),
                option("TaskQueueing", choice(&[
                    EnumValue { value: "ENABLED", doc: "Queue this run behind others on the same agent (default)." },
                    EnumValue { value: "DISABLED", doc: "Do not queue." },
                ]), "Whether runs sharing an agent wait in line."),
                option("LogLevel", choice(&[
                    EnumValue { value: "OFF", doc: "No logs." },
                    EnumValue { value: "BASIC", doc: "Errors for individual files." },
                    EnumValue { value: "TRANSFER", doc: "Every file transferred and checked." },
                ]), "What DataSync writes to CloudWatch Logs."),
                option("TransferMode", choice(&[
                    EnumValue { value: "CHANGED", doc: "Copy only what differs from the destination (default)." },
                    EnumValue { value: "ALL", doc: "Copy everything without comparing." },
                ]), "Copy only changes, or everything."),
                option("SecurityDescriptorCopyFlags", choice(&[
                    EnumValue { value: "NONE", doc: "Copy no SMB security data." },
                    EnumValue { value: "OWNER_DACL", doc: "Copy owner and access lists (default)." },
                    EnumValue { value: "OWNER_DACL_SACL", doc: "Also copy audit lists (SACLs)." },
                ]), "Which SMB security descriptors to copy."),
                option("ObjectTags", choice(&[
                    EnumValue { value: "PRESERVE", doc: "Copy object tags (default)." },
                    EnumValue { value: "NONE", doc: "Do not copy object tags." },
                ]), "Whether to copy object tags between object stores."),
                option("ObjectMetadata", choice(&[
                    EnumValue { value: "PRESERVE", doc: "Copy object system metadata (default)." },
                    EnumValue { value: "NONE", doc: "Do not copy it." },
                ]), "Whether to copy object system metadata."),
            ]),
            "Options for this run only; unset options keep the task's settings.",
        ),
        option("Includes", Kind::List { item: &FILTER_RULE, min: Some(0), max: Some(1) },
            "Files to transfer: at most one rule of |-separated patterns."),
        option("Excludes", Kind::List { item: &FILTER_RULE, min: Some(0), max: Some(1) },
            "Files to skip: at most one rule of |-separated patterns."),
        option(
            "ManifestConfig",
            Kind::Structure(&[
                option("Action", choice(&[EnumValue { value: "TRANSFER", doc: "Transfer the listed files." }]), "What to do with the listed files."),
                option("Format", choice(&[EnumValue { value: "CSV", doc: "One path per line, optionally with a version ID." }]), "Manifest file format."),
                option(
                    "Source",
                    Kind::Structure(&[required(
                        "S3",
                        Kind::Structure(&[
                            required("ManifestObjectPath", text(None, 4096, &patterns::S3_SUBDIRECTORY), "Key of the manifest object in the bucket."),
                            BUCKET_ACCESS_ROLE,
                            S3_BUCKET,
                            option(
                                "ManifestObjectVersionId",
                                text(Some(1), 100, &patterns::S3_OBJECT_VERSION_ID),
                                "Version of the manifest object to use.",
                            ),
                        ]),
                        "Where the manifest is stored in S3.",
                    )]),
                    "Where the manifest is.",
                ),
            ]),
            "A manifest listing exactly which files to transfer.",
        ),
        option(
            "TaskReportConfig",
            Kind::Structure(&[
                option(
                    "Destination",
                    Kind::Structure(&[option(
                        "S3",
                        Kind::Structure(&[
                            option("Subdirectory", text(None, 4096, &patterns::S3_SUBDIRECTORY), "Prefix for the report in the bucket."),
                            S3_BUCKET,
                            BUCKET_ACCESS_ROLE,
                        ]),
                        "The S3 bucket that receives the report.",
                    )]),
                    "Where to upload the report.",
                ),
                option("OutputType", choice(&[
                    EnumValue { value: "SUMMARY_ONLY", doc: "Totals and errors only." },
                    EnumValue { value: "STANDARD", doc: "Per-file details too." },
                ]), "How detailed the report is."),
                option("ReportLevel", REPORT_LEVEL_KIND, "Whether to list only errors or successes too."),
                option("ObjectVersionIds", choice(&[
                    EnumValue { value: "INCLUDE", doc: "Name the object version transferred." },
                    EnumValue { value: "NONE", doc: "Leave versions out." },
                ]), "Whether the report names S3 object versions."),
                option(
                    "Overrides",
                    Kind::Structure(&[
                        option("Transferred", REPORT_OVERRIDE_KIND, "Level for transferred files."),
                        option("Verified", REPORT_OVERRIDE_KIND, "Level for verified files."),
                        option("Deleted", REPORT_OVERRIDE_KIND, "Level for deleted files."),
                        option("Skipped", REPORT_OVERRIDE_KIND, "Level for skipped files."),
                    ]),
                    "Per-aspect report levels.",
                ),
            ]),
            "A task report for this run.",
        ),
        option("Tags", Kind::List { item: &TAG, min: Some(0), max: Some(50) }, "Tags for the task execution, at most 50."),
    ],
    rules: &[
        Rule::EnumPairs {
            first: "OverrideOptions.Atime",
            second: "OverrideOptions.Mtime",
            defaults: ("BEST_EFFORT", "PRESERVE"),
            allowed: &[("BEST_EFFORT", "PRESERVE"), ("NONE", "NONE")],
        },
        Rule::Forbidden {
            path: "OverrideOptions.BytesPerSecond",
            value: "0",
            message: "use -1 for no limit, or a limit of at least 1 byte per second",
        },
    ],
    aws_cli_v1_gaps: &[CliGap::Unknown("OverrideOptions.ObjectMetadata")],
};

const REPORT_OVERRIDE_KIND: Kind = Kind::Structure(&[option("ReportLevel", REPORT_LEVEL_KIND, "Level of detail for this part of the report.")]);
