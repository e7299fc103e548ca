#include "lake/object_store.h"

#include "common/error.h"
#include "common/strings.h"
#include "lake/s3_object_store.h"

namespace hf::lake {

// S3 lakes only in this build; the local-folder store takes over the other URIs.
std::unique_ptr<ObjectStore> OpenObjectStore(const Config& config) {
    const std::string& uri = config.Get("lake.uri");
    if (StartsWith(uri, "s3://")) {
        return OpenS3ObjectStore(S3OptionsFromConfig(config, uri));
    }
    throw Error(ErrorKind::INVALID_INPUT, "lake.uri '" + uri + "' names a local folder, which this build cannot open",
                "set lake.uri to s3://bucket/prefix");
}

}  // namespace hf::lake
