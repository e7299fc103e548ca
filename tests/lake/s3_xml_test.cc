#include <gtest/gtest.h>

#include "common/error.h"
#include "lake/s3_xml.h"

namespace hf::lake {
namespace {

TEST(S3XmlTest, ParsesAnErrorDocument) {
    auto body = ParseErrorBody(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>"
        "<Message>The request signature we calculated does not match.</Message><RequestId>1</RequestId></Error>");
    EXPECT_EQ(body.code, "SignatureDoesNotMatch");
    EXPECT_EQ(body.message, "The request signature we calculated does not match.");
    EXPECT_TRUE(IsErrorDocument("<Error><Code>InternalError</Code></Error>"));
}

TEST(S3XmlTest, ToleratesAnEmptyOrForeignErrorBody) {
    EXPECT_EQ(ParseErrorBody("").code, "");
    EXPECT_EQ(ParseErrorBody("<html>bad gateway").code, "");
    EXPECT_FALSE(IsErrorDocument("<CompleteMultipartUploadResult/>"));
}

TEST(S3XmlTest, ParsesAListPage) {
    auto page = ParseListObjectsV2(
        "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name><KeyCount>2</KeyCount>"
        "<IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>"
        "<Contents><Key>lake/a &amp; b.csv</Key><Size>12</Size><ETag>\"x\"</ETag></Contents>"
        "<Contents><Key>lake/c.csv</Key><Size>0</Size></Contents></ListBucketResult>");
    ASSERT_EQ(page.objects.size(), 2u);
    EXPECT_EQ(page.objects[0].key, "lake/a & b.csv");
    EXPECT_EQ(page.objects[0].size, 12u);
    EXPECT_EQ(page.objects[1].key, "lake/c.csv");
    EXPECT_EQ(page.objects[1].size, 0u);
    EXPECT_TRUE(page.is_truncated);
    EXPECT_EQ(page.next_continuation_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
}

TEST(S3XmlTest, RejectsAMalformedListing) {
    try {
        (void)ParseListObjectsV2("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::DATA);
        EXPECT_NE(e.Message().find("truncated without NextContinuationToken"), std::string::npos);
    }
    EXPECT_THROW((void)ParseListObjectsV2("not xml"), Error);
}

TEST(S3XmlTest, ParsesTheUploadId) {
    EXPECT_EQ(ParseUploadId("<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
                            "<UploadId>VXBsb2FkIElE</UploadId></InitiateMultipartUploadResult>"),
              "VXBsb2FkIElE");
    EXPECT_THROW((void)ParseUploadId("<InitiateMultipartUploadResult/>"), Error);
}

TEST(S3XmlTest, BuildsTheCompleteMultipartUploadBody) {
    EXPECT_EQ(BuildCompleteMultipartUpload({{1, "\"a1\""}, {2, "\"b2\""}}),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
              "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
              "<Part><PartNumber>1</PartNumber><ETag>\"a1\"</ETag></Part>"
              "<Part><PartNumber>2</PartNumber><ETag>\"b2\"</ETag></Part></CompleteMultipartUpload>");
}

}  // namespace
}  // namespace hf::lake
