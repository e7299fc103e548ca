#include "common/error.h"
#include "transform/snapshot/snapshot_executor.h"

namespace hf::transform {

SnapshotOutcome ExecuteSnapshot(db::Warehouse&, const Node& node, const Target&, const std::string&) {
    throw Error(ErrorKind::INTERNAL, "snapshot execution is not available (snapshot '" + node.name + "')",
                "leave snapshots out with --exclude resource_type:snapshot");
}

} // namespace hf::transform
