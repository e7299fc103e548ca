#pragma once

#include <memory>
#include <string>

#include "common/config.h"
#include "lake/object_store.h"
#include "lake/s3_options.h"

namespace hf::lake {

// The lake in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW). Keys are stored under the
// options' prefix. Thread-safe: every call signs and sends its own requests over a shared
// pool of connections.
std::unique_ptr<ObjectStore> OpenS3ObjectStore(const S3Options& options);

}  // namespace hf::lake
