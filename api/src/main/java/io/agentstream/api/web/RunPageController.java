package io.agentstream.api.web;

import io.agentstream.spring.config.ServesApi;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /runs/{runId}}: the web page, so that a reload or a shared link opens that run. The
 * page itself ({@code static/index.html}) reads the run id from its address.
 */
@ServesApi
@Controller
class RunPageController {

  @GetMapping("/runs/{runId:[A-Za-z0-9._~-]+}")
  String runPage() {
    return "forward:/index.html";
  }
}
