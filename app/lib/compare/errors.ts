/** Domain errors of the comparison module; routes turn them into 400/404. */
export class CompareError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
  ) {
    super(message);
    this.name = "CompareError";
  }
}

export class CompareNotFoundError extends CompareError {
  constructor(message: string) {
    super(message, 404);
    this.name = "CompareNotFoundError";
  }
}

export class InvalidOverrideError extends CompareError {
  constructor(message: string) {
    super(message, 400);
    this.name = "InvalidOverrideError";
  }
}
