"""Prepares a moto server for the proxy tests and prints what they need as JSON.

It makes exactly SETUP_CALLS requests, so the server must run with
INITIAL_NO_AUTH_ACTION_COUNT=SETUP_CALLS; every later request must carry a valid SigV4
signature made with the access key created here.

usage: moto_setup.py http://127.0.0.1:PORT
"""
import json
import sys

import boto3

SETUP_CALLS = 10
endpoint = sys.argv[1]
common = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")

iam = boto3.client("iam", **common)
iam.create_user(UserName="page")  # 1
iam.put_user_policy(  # 2
    UserName="page",
    PolicyName="all",
    PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
)
key = iam.create_access_key(UserName="page")["AccessKey"]  # 3

dms = boto3.client("dms", **common)
source = dms.create_endpoint(EndpointIdentifier="src", EndpointType="source", EngineName="mysql")["Endpoint"]["EndpointArn"]  # 4
target = dms.create_endpoint(EndpointIdentifier="dst", EndpointType="target", EngineName="postgres")["Endpoint"]["EndpointArn"]  # 5
instance = dms.create_replication_instance(ReplicationInstanceIdentifier="ri", ReplicationInstanceClass="dms.t3.micro")[  # 6
    "ReplicationInstance"
]["ReplicationInstanceArn"]
task = dms.create_replication_task(  # 7
    ReplicationTaskIdentifier="task",
    SourceEndpointArn=source,
    TargetEndpointArn=target,
    ReplicationInstanceArn=instance,
    MigrationType="full-load",
    TableMappings=json.dumps({"rules": []}),
)["ReplicationTask"]["ReplicationTaskArn"]

datasync = boto3.client("datasync", **common)
role = "arn:aws:iam::123456789012:role/ds"
src = datasync.create_location_s3(S3BucketArn="arn:aws:s3:::src", S3Config={"BucketAccessRoleArn": role})["LocationArn"]  # 8
dst = datasync.create_location_s3(S3BucketArn="arn:aws:s3:::dst", S3Config={"BucketAccessRoleArn": role})["LocationArn"]  # 9
ds_task = datasync.create_task(SourceLocationArn=src, DestinationLocationArn=dst)["TaskArn"]  # 10

json.dump({"access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"], "dms_task": task, "datasync_task": ds_task}, sys.stdout)
