package io.agentstream.spring.page;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /} and {@code GET /runs/{runId}}: the live run page, the second so that a reload or a
 * shared link opens that run. The page reads the run id from its address.
 */
@Controller
class RunPageController {

  @GetMapping({"/", "/runs/{runId:[A-Za-z0-9._~-]+}"})
  String runPage() {
    return "forward:" + PageConfiguration.INDEX;
  }
}
