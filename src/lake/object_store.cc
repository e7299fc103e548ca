#include "lake/object_store.h"

#include "common/strings.h"
#include "lake/local_object_store.h"

namespace hf::lake {

namespace {

// The S3 backend lives in s3_object_store.{h,cc}; this is the single place that opens it.
std::unique_ptr<ObjectStore> OpenS3(const Config& /*config*/, const std::string& uri) {
    throw Error(ErrorKind::INVALID_INPUT, "lake.uri '" + uri + "' names an S3 bucket, but S3 support is not built",
                "use a local folder for lake.uri, or a HealthFlow build with S3 support");
}

}  // namespace

std::unique_ptr<ObjectStore> OpenObjectStore(const Config& config) {
    const std::string& uri = config.Get("lake.uri");
    if (uri.empty()) {
        return std::make_unique<LocalObjectStore>(config.DataDir() / "lake");
    }
    if (StartsWith(uri, "s3://")) {
        return OpenS3(config, uri);
    }
    std::string path = StartsWith(uri, "file://") ? uri.substr(7) : uri;
    return std::make_unique<LocalObjectStore>(path);
}

}  // namespace hf::lake
