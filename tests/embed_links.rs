//! The embed's "Open full page" link (`route::full_page_url`, used by `web::embed`): the page's
//! address without the `embed` option, wherever it was given, and with the form's state.

use request_builder::core::route::full_page_url;

#[test]
fn the_full_page_link_drops_the_embed_option_and_keeps_the_form() {
    for (embed, full) in [
        (
            "https://docs.example/tools/#/aws/dms/StartReplicationTask?embed=1",
            "https://docs.example/tools/#/aws/dms/StartReplicationTask",
        ),
        (
            "https://docs.example/tools/#/aws/dms/StartReplicationTask?region=eu-west-1&embed=compact&ReplicationTaskArn=arn%3Aaws",
            "https://docs.example/tools/#/aws/dms/StartReplicationTask?region=eu-west-1&ReplicationTaskArn=arn%3Aaws",
        ),
        (
            "http://127.0.0.1:8080/?embed=compact#/aliyun/smc/StartReplicationJob?region=cn-hangzhou",
            "http://127.0.0.1:8080/#/aliyun/smc/StartReplicationJob?region=cn-hangzhou",
        ),
        (
            "http://127.0.0.1:8080/?lang=en&embed=1&x=y#/aws/dms/StartReplicationTask?embed=1",
            "http://127.0.0.1:8080/?lang=en&x=y#/aws/dms/StartReplicationTask",
        ),
        // A value that merely contains the word stays.
        (
            "http://h/#/aws/s3api/PutObject?Key=embed%3D1&embedded=yes",
            "http://h/#/aws/s3api/PutObject?Key=embed%3D1&embedded=yes",
        ),
        ("http://h/?embed=1", "http://h/"),
    ] {
        assert_eq!(full_page_url(embed), full, "{embed}");
    }
}
