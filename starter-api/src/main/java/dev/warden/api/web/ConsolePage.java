package dev.warden.api.web;

import dev.warden.api.problem.WardenProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console controller shares: the signed-in person for the header, and the API's refusals
 * (problem+json of the REST routes) shown as a readable page with the problem's status — a forced
 * POST the server refuses answers 403 here as it does on the API.
 */
public abstract class ConsolePage {

  @ModelAttribute("person")
  public Authentication person(Authentication person) {
    return person;
  }

  @ExceptionHandler(WardenProblem.class)
  public ModelAndView problem(
      WardenProblem problem, Authentication person, HttpServletResponse response) {
    return refusal(
        problem.status(), problem.getMessage(), problem.type().toString(), person, response);
  }

  @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class})
  public ModelAndView invalid(
      RuntimeException invalid, Authentication person, HttpServletResponse response) {
    return refusal(HttpStatus.BAD_REQUEST, invalid.getMessage(), null, person, response);
  }

  private static ModelAndView refusal(
      HttpStatus status,
      String detail,
      String type,
      Authentication person,
      HttpServletResponse response) {
    response.setStatus(status.value());
    ModelAndView page = new ModelAndView("console/problem", status);
    page.addObject("title", status.value() + " " + status.getReasonPhrase());
    page.addObject("detail", detail);
    page.addObject("type", type);
    page.addObject("person", person);
    return page;
  }
}
