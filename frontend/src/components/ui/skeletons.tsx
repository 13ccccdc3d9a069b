import Box from "@mui/material/Box";
import Skeleton from "@mui/material/Skeleton";
import Stack from "@mui/material/Stack";

/** Placeholder rows while a table loads, announced to screen readers as busy. */
export function TableSkeleton({ rows = 6, label = "Loading" }: { rows?: number; label?: string }) {
  return (
    <Stack spacing={1} role="status" aria-busy="true" aria-label={label}>
      <Skeleton variant="rectangular" height={40} />
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders have no identity
        <Skeleton key={i} variant="rectangular" height={32} sx={{ opacity: 1 - i * 0.1 }} />
      ))}
    </Stack>
  );
}

/** Placeholder for a page: a title and a few blocks. */
export function PageSkeleton({ label = "Loading page" }: { label?: string }) {
  return (
    <Box role="status" aria-busy="true" aria-label={label}>
      <Skeleton variant="text" width="30%" height={44} />
      <Skeleton variant="rectangular" height={120} sx={{ my: 2 }} />
      <Skeleton variant="rectangular" height={240} />
    </Box>
  );
}
