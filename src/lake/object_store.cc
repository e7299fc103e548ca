#include "lake/object_store.h"

#include "common/strings.h"
#include "lake/local_object_store.h"
#include "lake/s3_object_store.h"

namespace hf::lake {

std::unique_ptr<ObjectStore> OpenObjectStore(const Config& config) {
    const std::string& uri = config.Get("lake.uri");
    if (uri.empty()) {
        return std::make_unique<LocalObjectStore>(config.DataDir() / "lake");
    }
    if (StartsWith(uri, "s3://")) {
        return OpenS3ObjectStore(S3OptionsFromConfig(config, uri));
    }
    std::string path = StartsWith(uri, "file://") ? uri.substr(7) : uri;
    return std::make_unique<LocalObjectStore>(path);
}

}  // namespace hf::lake
