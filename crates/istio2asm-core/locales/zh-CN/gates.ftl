# gates — zh-CN
