#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sanad::server {

struct ApiResponse;
struct ApiServices;
struct Call;

/// A handler of one call: the checks before it (token, size, content type, query) have passed.
using Handler = ApiResponse (*)(ApiServices& services, const Call& call);

/// Who may make a call: any device (desk tokens; a display's token is refused with 403), also a
/// display (the display's reads, `/api/display/*`; desks may make them too), or anyone (health).
enum class Access { Device, Display, Public };
/// Whether a call reads a JSON body (its Content-Type must say so: 415 otherwise).
enum class Body { None, Json };

/// One line of the route table: method and path pattern → handler. A pattern's `{name}` segment
/// matches any one segment and hands it to the handler as a path parameter.
struct Route {
    std::string method;  // a GET route answers HEAD too
    std::string pattern;
    Handler handler;
    Body body = Body::None;
    Access access = Access::Device;
};

using PathParams = std::vector<std::pair<std::string, std::string>>;

/// The route table. Filled once at start-up, then only read (any number of threads at once).
class Router {
public:
    struct Match {
        const Route* route = nullptr;  // the route of path and method, if any
        PathParams params;
        /// The methods the path takes: empty when no route knows the path (404); a path that is
        /// known with another method is a 405 with these in `Allow`.
        std::vector<std::string> allowed;
        /// True when the path needs no token (all its routes are public).
        bool publicPath = false;
    };

    void add(Route route);

    /// `segments`: the decoded path split on '/', empty segments dropped.
    Match match(std::string_view method, const std::vector<std::string>& segments) const;

    /// The path split into segments as match() wants them.
    static std::vector<std::string> split(std::string_view path);

private:
    struct Entry {
        Route route;
        std::vector<std::string> segments;
    };
    std::vector<Entry> entries_;
};

}  // namespace sanad::server
