// The C++ peer for Benchmarks/run.sh: grpc.testing.TestService on Debian's gRPC C++ (libgrpc++),
// using the callback API. Only UnaryCall (and EmptyCall) are served; every other method answers
// UNIMPLEMENTED, which is what the generated base class does for methods that are not overridden.
//
// UnaryCall answers SimpleResponse{payload: {body: response_size zero bytes}}, like loketd's interop
// service and the grpc-swift-2 peer.
//
// Usage: cpp-peer PORT   (listens on 127.0.0.1:PORT, plaintext)
//
// Threads: the server's defaults. gRPC C++ sizes its own pollers and callback executor from the number
// of cores, which on the benchmark machine (2 cores) is what the other two servers do as well.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "grpc/testing/test.grpc.pb.h"

namespace {

class TestServiceImpl final : public grpc::testing::TestService::CallbackService {
 public:
  grpc::ServerUnaryReactor* EmptyCall(grpc::CallbackServerContext* context,
                                      const grpc::testing::Empty* /*request*/,
                                      grpc::testing::Empty* /*response*/) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerUnaryReactor* UnaryCall(grpc::CallbackServerContext* context,
                                      const grpc::testing::SimpleRequest* request,
                                      grpc::testing::SimpleResponse* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    const int size = request->response_size();
    if (size < 0) {
      reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "response_size must not be negative"));
      return reactor;
    }
    response->mutable_payload()->mutable_body()->assign(static_cast<size_t>(size), '\0');
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

std::unique_ptr<grpc::Server> g_server;

void HandleSignal(int) {
  // Shutdown() is not async-signal-safe; the main thread does it after Wait() would not return,
  // so exit directly: the benchmark only needs the process gone.
  std::_Exit(0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  if (port <= 0 || port > 65535) {
    std::fprintf(stderr, "cpp-peer: bad port '%s'\n", argv[1]);
    return 2;
  }
  std::signal(SIGTERM, HandleSignal);
  std::signal(SIGINT, HandleSignal);

  const std::string address = "127.0.0.1:" + std::to_string(port);
  TestServiceImpl service;
  grpc::ServerBuilder builder;
  int selected_port = 0;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &selected_port);
  builder.RegisterService(&service);
  g_server = builder.BuildAndStart();
  if (!g_server || selected_port == 0) {
    std::fprintf(stderr, "cpp-peer: could not listen on %s\n", address.c_str());
    return 1;
  }
  std::fprintf(stderr, "cpp-peer: listening on %s\n", address.c_str());
  g_server->Wait();
  return 0;
}
