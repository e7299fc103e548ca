#include "lake/s3_xml.h"

#include <tinyxml2.h>

#include "common/error.h"
#include "common/strings.h"

namespace hf::lake {

namespace {

const tinyxml2::XMLElement* Root(tinyxml2::XMLDocument& doc, std::string_view xml) {
    if (xml.empty() || doc.Parse(xml.data(), xml.size()) != tinyxml2::XML_SUCCESS) {
        return nullptr;
    }
    return doc.RootElement();
}

std::string ChildText(const tinyxml2::XMLElement* parent, const char* name) {
    const tinyxml2::XMLElement* child = parent->FirstChildElement(name);
    if (child == nullptr || child->GetText() == nullptr) {
        return {};
    }
    return child->GetText();
}

Error Malformed(std::string_view what, std::string_view xml) {
    std::string excerpt(xml.substr(0, 200));
    return Error(ErrorKind::DATA, "the object store sent a malformed " + std::string(what) + " document: " + excerpt,
                 "check that lake.s3.endpoint points to an S3-compatible service");
}

}  // namespace

S3ErrorBody ParseErrorBody(std::string_view xml) {
    tinyxml2::XMLDocument doc;
    const tinyxml2::XMLElement* root = Root(doc, xml);
    if (root == nullptr || std::string_view(root->Name()) != "Error") {
        return {};
    }
    return {ChildText(root, "Code"), ChildText(root, "Message")};
}

bool IsErrorDocument(std::string_view xml) {
    tinyxml2::XMLDocument doc;
    const tinyxml2::XMLElement* root = Root(doc, xml);
    return root != nullptr && std::string_view(root->Name()) == "Error";
}

ListPage ParseListObjectsV2(std::string_view xml) {
    tinyxml2::XMLDocument doc;
    const tinyxml2::XMLElement* root = Root(doc, xml);
    if (root == nullptr || std::string_view(root->Name()) != "ListBucketResult") {
        throw Malformed("ListObjectsV2", xml);
    }
    ListPage page;
    page.is_truncated = ChildText(root, "IsTruncated") == "true";
    page.next_continuation_token = ChildText(root, "NextContinuationToken");
    for (const auto* item = root->FirstChildElement("Contents"); item != nullptr;
         item = item->NextSiblingElement("Contents")) {
        ObjectInfo info;
        info.key = ChildText(item, "Key");
        long long size = 0;
        if (info.key.empty() || !ParseInt64(ChildText(item, "Size"), size) || size < 0) {
            throw Malformed("ListObjectsV2 (Contents without Key or Size)", xml);
        }
        info.size = static_cast<uint64_t>(size);
        page.objects.push_back(std::move(info));
    }
    if (page.is_truncated && page.next_continuation_token.empty()) {
        throw Malformed("ListObjectsV2 (truncated without NextContinuationToken)", xml);
    }
    return page;
}

std::string ParseUploadId(std::string_view xml) {
    tinyxml2::XMLDocument doc;
    const tinyxml2::XMLElement* root = Root(doc, xml);
    if (root == nullptr || std::string_view(root->Name()) != "InitiateMultipartUploadResult") {
        throw Malformed("CreateMultipartUpload", xml);
    }
    std::string upload_id = ChildText(root, "UploadId");
    if (upload_id.empty()) {
        throw Malformed("CreateMultipartUpload (no UploadId)", xml);
    }
    return upload_id;
}

std::string BuildCompleteMultipartUpload(const std::vector<CompletedPart>& parts) {
    tinyxml2::XMLDocument doc;
    doc.InsertEndChild(doc.NewDeclaration());
    auto* root = doc.NewElement("CompleteMultipartUpload");
    root->SetAttribute("xmlns", "http://s3.amazonaws.com/doc/2006-03-01/");
    doc.InsertEndChild(root);
    for (const auto& part : parts) {
        auto* element = root->InsertNewChildElement("Part");
        element->InsertNewChildElement("PartNumber")->SetText(part.number);
        element->InsertNewChildElement("ETag")->SetText(part.etag.c_str());
    }
    tinyxml2::XMLPrinter printer(nullptr, true);
    doc.Print(&printer);
    return std::string(printer.CStr(), static_cast<size_t>(printer.CStrSize() - 1));
}

}  // namespace hf::lake
